import { Content } from '@backstage/core-components';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SettingsBackupRestoreIcon from '@material-ui/icons/SettingsBackupRestore';
import { ReserveClient, reserveApiRef } from './api';
import { RESERVE_TAB_PATH } from './hooks/useReserveTabLink';
import {
  entityContentRouteRef,
  groupContentRouteRef,
  rootRouteRef,
} from './routes';

/** The Kube Reserve API client, `api:reserve`. */
export const reserveApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reserveApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReserveClient({ discoveryApi, fetchApi }),
    }),
});

/** The `/reserve` platform page, `page:reserve`; also its nav item. */
export const reservePage = PageBlueprint.make({
  params: {
    path: '/reserve',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // The app's page layout gives the header; Content gives the page its padding (without
    // it the cards touch the sidebar and the grid's gutters run past the window).
    loader: () =>
      import('./components/PlatformOverview').then(m =>
        compatWrapper(
          <Content>
            <m.PlatformOverview />
          </Content>,
        ),
      ),
  },
});

/** A Component's Reserve tab, `entity-content:reserve/entity`. */
export const reserveEntityContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: `/${RESERVE_TAB_PATH}`,
    title: 'Reserve',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    // Every Component gets the tab, so that one without Kubernetes annotations says what is missing.
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityReserveContent').then(m =>
        compatWrapper(<m.EntityReserveContent />),
      ),
  },
});

/** A Group's Reserve tab, `entity-content:reserve/group`. */
export const reserveGroupContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: `/${RESERVE_TAB_PATH}`,
    title: 'Reserve',
    routeRef: convertLegacyRouteRef(groupContentRouteRef),
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupReserveContent').then(m =>
        compatWrapper(<m.GroupReserveContent />),
      ),
  },
});

/** A service's overview card, `entity-card:reserve/entity`. */
export const reserveEntityCard = EntityCardBlueprint.make({
  name: 'entity',
  params: {
    // The annotations of RESERVE_REQUIRED_ANNOTATIONS, spelled out for the filter's types.
    filter: {
      $all: [
        { kind: 'component' },
        {
          $any: [
            {
              'metadata.annotations.backstage.io/kubernetes-id': {
                $exists: true,
              },
            },
            {
              'metadata.annotations.backstage.io/kubernetes-label-selector': {
                $exists: true,
              },
            },
          ],
        },
      ],
    },
    loader: () =>
      import('./components/EntityReserveCard').then(m =>
        compatWrapper(<m.EntityReserveCard />),
      ),
  },
});

/** A group's overview card, `entity-card:reserve/group`. */
export const reserveGroupCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupReserveCard').then(m =>
        compatWrapper(<m.GroupReserveCard />),
      ),
  },
});

/** Kube Reserve for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'reserve',
  title: 'Kube Reserve',
  icon: <SettingsBackupRestoreIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    reserveApi,
    reservePage,
    reserveEntityContent,
    reserveGroupContent,
    reserveEntityCard,
    reserveGroupCard,
  ],
});
