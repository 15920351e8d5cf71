import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/** The Kube Reserve demo app; the other plugins are discovered from package.json (`app.packages: all`). */
export default createApp({
  features: [catalogPlugin, navModule],
});
