import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ReserveClient, reserveApiRef } from './api';
import {
  entityContentRouteRef,
  groupContentRouteRef,
  rootRouteRef,
} from './routes';

/** The Kube Reserve plugin for the legacy frontend system. */
export const reservePlugin = createPlugin({
  id: 'reserve',
  apis: [
    createApiFactory({
      api: reserveApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReserveClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The `/reserve` page: every cluster pair and every service by risk. */
export const ReservePage = reservePlugin.provide(
  createRoutableExtension({
    name: 'ReservePage',
    component: () =>
      import('./components/ReservePage').then(m => m.ReservePage),
    mountPoint: rootRouteRef,
  }),
);

/** A service's Reserve tab; mount it at `/reserve` in the entity layout. */
export const EntityReserveContent = reservePlugin.provide(
  createRoutableExtension({
    name: 'EntityReserveContent',
    component: () =>
      import('./components/EntityReserveContent').then(
        m => m.EntityReserveContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** A group's Reserve tab: what it owns, worst first; mount it at `/reserve`. */
export const EntityGroupReserveContent = reservePlugin.provide(
  createRoutableExtension({
    name: 'EntityGroupReserveContent',
    component: () =>
      import('./components/GroupReserveContent').then(
        m => m.GroupReserveContent,
      ),
    mountPoint: groupContentRouteRef,
  }),
);

/** A service's overview card: verdict, score and the three worst findings. */
export const EntityReserveCard = reservePlugin.provide(
  createComponentExtension({
    name: 'EntityReserveCard',
    component: {
      lazy: () =>
        import('./components/EntityReserveCard').then(m => m.EntityReserveCard),
    },
  }),
);

/** A group's overview card: services by verdict and the three most at risk. */
export const EntityGroupReserveCard = reservePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupReserveCard',
    component: {
      lazy: () =>
        import('./components/GroupReserveCard').then(m => m.GroupReserveCard),
    },
  }),
);
