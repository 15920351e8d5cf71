import { createRouteRef } from '@backstage/core-plugin-api';

/** The platform page, `/reserve`: every cluster pair and every service by risk. */
export const rootRouteRef = createRouteRef({ id: 'reserve' });

/** The Reserve tab of a service's entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'reserve:entity-content',
});

/** The Reserve tab of a group's entity page. */
export const groupContentRouteRef = createRouteRef({
  id: 'reserve:group-content',
});
