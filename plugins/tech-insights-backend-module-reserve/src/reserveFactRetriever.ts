import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isJudgedOnCollectedClusters,
  isReserveAvailable,
} from '@kube-reserve/plugin-reserve-common';
import { DateTime } from 'luxon';
import pLimit from 'p-limit';
import {
  RESERVE_FACT_RETRIEVER_ID,
  RESERVE_FACT_SCHEMA_VERSION,
  reserveFactSchema,
} from './factSchema';
import { ReadinessReader } from './ReadinessReader';
import { reportFacts } from './reportFacts';

// Past this many unreadable reports in one run, one line sums up the rest: with the reserve
// backend down, a warning per entity every run would bury everything else in the log.
const WARNINGS_PER_RUN = 10;

/** How the retriever reads: which kinds, how many reports at once, how long it waits for each. */
export interface ReserveFactRetrieverOptions {
  catalog: CatalogService;
  /** The kinds the reserve backend judges (`reserve.entityKinds`). */
  entityKinds: readonly string[];
  /** Reports read at once; default 5 (the backend serves kept reports, each a lookup). */
  concurrency?: number;
  /** How long one report may take; default 10 s. */
  timeoutMs?: number;
}

async function assessedEntities(
  catalog: CatalogService,
  ctx: FactRetrieverContext,
): Promise<CompoundEntityRef[]> {
  const { items } = await catalog.getEntities(
    {
      filter: ctx.entityFilter,
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await ctx.auth.getOwnServiceCredentials() },
  );
  return items.filter(isReserveAvailable).map(entity => ({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  }));
}

/**
 * The fact retriever `reserveReadinessFactRetriever`: for every catalog entity Kube Reserve
 * assesses (a configured kind with a `backstage.io/kubernetes-id` or `-label-selector`
 * annotation, as the Reserve tab decides), its report's verdict, score and check states.
 *
 * An entity whose report cannot be read (404, 5xx, timeout), or was judged before its
 * clusters were first collected, gets no facts in that run rather than stand-in values: its
 * latest facts stay those of the last run that read it, dated by `judgedAt`.
 */
export function createReserveFactRetriever(
  options: ReserveFactRetrieverOptions,
): FactRetriever {
  const { catalog, concurrency = 5, timeoutMs = 10_000 } = options;
  return {
    id: RESERVE_FACT_RETRIEVER_ID,
    version: RESERVE_FACT_SCHEMA_VERSION,
    title: 'Kube Reserve readiness',
    description:
      "Each entity's disaster-recovery verdict, score and check states, as Kube Reserve judges them",
    entityFilter: { kind: [...options.entityKinds] },
    schema: reserveFactSchema,
    handler: async ctx => {
      const { auth, discovery, logger } = ctx;
      const entities = await assessedEntities(catalog, ctx);
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'reserve',
      });
      const reader = new ReadinessReader({
        baseUrl: await discovery.getBaseUrl('reserve'),
        token,
        timeoutMs,
      });
      const limit = pLimit(concurrency);
      const readings = await Promise.all(
        entities.map(entity =>
          limit(async () => ({ entity, ...(await reader.read(entity)) })),
        ),
      );

      // Stated rather than left to the database's default, which SQLite keeps in a form
      // Tech Insights reads back as null and compares wrongly with a lifecycle's cut-off.
      const timestamp = DateTime.now();
      const facts: TechInsightFact[] = [];
      const unreadable: string[] = [];
      let pending = 0;
      for (const reading of readings) {
        const ref = stringifyEntityRef(reading.entity);
        if ('problem' in reading) {
          if (unreadable.length < WARNINGS_PER_RUN) {
            logger.warn(
              `Could not read the Kube Reserve report of ${ref}: ${reading.problem}; no facts for it this run`,
            );
          }
          unreadable.push(ref);
        } else if (!isJudgedOnCollectedClusters(reading.report)) {
          pending++;
        } else {
          facts.push({
            entity: reading.entity,
            facts: reportFacts(reading.report),
            timestamp,
          });
        }
      }
      if (unreadable.length > WARNINGS_PER_RUN) {
        logger.warn(
          `Could not read the Kube Reserve reports of ${
            unreadable.length - WARNINGS_PER_RUN
          } more entities; no facts for them this run`,
        );
      }
      const notes = [
        pending > 0 &&
          `${pending} not judged yet (a cluster never collected since start)`,
        unreadable.length > 0 && `${unreadable.length} unreadable`,
      ].filter(Boolean);
      logger.info(
        [
          `Kube Reserve facts of ${facts.length} of ${entities.length} entities`,
          ...notes,
        ].join('; '),
      );
      return facts;
    },
  };
}
