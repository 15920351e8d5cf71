import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reservePermissions } from '@kube-reserve/plugin-reserve-common';
import { registerReadinessAction } from './actions/readinessAction';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ClusterSnapshots } from './clusters/ClusterSnapshots';
import { OwnershipService } from './ownership/OwnershipService';
import { parsePolicyDefaults } from './readiness/policy';
import { ReadinessService } from './readiness/ReadinessService';
import { createRouter } from './router';

/** Kube Reserve's backend plugin: reserve readiness of catalog entities, mounted at /api/reserve. */
export const reservePlugin = createBackendPlugin({
  pluginId: 'reserve',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, catalog } = deps;
        const registry = ClusterRegistry.fromConfig(config);
        const defaults = parsePolicyDefaults(
          config.getOptional('reserve.defaults') ?? {},
        );
        const snapshots = ClusterSnapshots.create({ registry, logger });
        const readiness = new ReadinessService({ catalog, snapshots, defaults });
        const ownership = new OwnershipService({ catalog, readiness, snapshots });

        deps.permissionsRegistry.addPermissions(reservePermissions);
        registerReadinessAction(deps.actionsRegistry, readiness);
        await snapshots.schedule(deps.scheduler);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            snapshots,
            readiness,
            ownership,
          }),
        );
        logger.info(
          `Collecting ${registry.list().length} clusters every ${registry.refresh.frequencyMs} ms`,
        );
      },
    });
  },
});
