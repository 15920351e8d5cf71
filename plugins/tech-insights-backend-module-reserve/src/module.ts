import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DEFAULT_RESERVE_ENTITY_KINDS } from '@kube-reserve/plugin-reserve-common';
import { RESERVE_FACT_RETRIEVER_ID } from './factSchema';
import { createReserveFactRetriever } from './reserveFactRetriever';

/**
 * Publishes Kube Reserve's readiness of each entity to Tech Insights as facts
 * (`reserveReadinessFactRetriever`), for scorecards and jsonfc checks.
 */
export const techInsightsModuleReserve = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'reserve',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
      },
      async init({ config, logger, catalog, factRetrievers }) {
        // Tech Insights schedules a retriever only when its cadence is configured: say so,
        // rather than have the module installed and silently publish nothing.
        if (
          !config.has(
            `techInsights.factRetrievers.${RESERVE_FACT_RETRIEVER_ID}`,
          )
        ) {
          logger.warn(
            `Kube Reserve facts are not retrieved: configure techInsights.factRetrievers.${RESERVE_FACT_RETRIEVER_ID}.cadence`,
          );
        }
        factRetrievers.addFactRetrievers({
          [RESERVE_FACT_RETRIEVER_ID]: createReserveFactRetriever({
            catalog,
            // The kinds the reserve backend judges, read from the same key.
            entityKinds:
              config.getOptionalStringArray('reserve.entityKinds') ??
              DEFAULT_RESERVE_ENTITY_KINDS,
          }),
        });
      },
    });
  },
});
