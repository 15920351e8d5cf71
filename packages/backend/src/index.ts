import { createBackend } from '@backstage/backend-defaults';
import { demoBackendFeatures } from './features';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
for (const feature of demoBackendFeatures()) {
  backend.add(feature);
}

backend.start();
