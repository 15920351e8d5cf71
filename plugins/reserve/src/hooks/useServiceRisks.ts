import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityReport,
  OwnershipRow,
  RESERVE_REQUIRED_ANNOTATIONS,
  summarizeReport,
} from '@kube-reserve/plugin-reserve-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../api';
import { describeError } from '../presentation/errors';
import { ServiceRisk } from '../presentation/riskRows';

/** How many readiness reports the platform page requests at once. */
const CONCURRENCY = 6;

/** The services the catalog ties to Kubernetes objects, and their progress through assessment. */
export interface ServiceRisks {
  /** True while the catalog is being listed. */
  loading: boolean;
  /** The catalog could not be listed. */
  error?: Error;
  /** Services found in the catalog; undefined until listed. */
  total?: number;
  /** Services assessed so far, including those whose report failed (with `error`). */
  risks: ServiceRisk[];
  retry: () => void;
}

function riskOf(entity: Entity): Omit<ServiceRisk, 'summary' | 'error'> {
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title,
    owner: entity.spec?.owner ? String(entity.spec.owner) : undefined,
  };
}

// The summary row `GET /ownership` would give, failed-over state included: the platform page
// lists services across all groups, which no single ownership call covers.
function summaryOf(entity: Entity, report: EntityReport): OwnershipRow {
  const { entityRef, title, owner } = riskOf(entity);
  const summary = summarizeReport(
    { entityRef, title, kind: entity.kind },
    owner ?? '',
    report,
  );
  const { failover } = report;
  return failover
    ? {
        ...summary,
        failedOver: {
          servingCluster: failover.servingCluster,
          since: failover.since,
        },
      }
    : summary;
}

/**
 * Every Component with a Kubernetes annotation and its readiness, fetched a few at a time so
 * that a large catalog neither floods the backend nor waits for its slowest report.
 */
export function useServiceRisks(): ServiceRisks {
  const catalogApi = useApi(catalogApiRef);
  const reserveApi = useApi(reserveApiRef);
  const [risks, setRisks] = useState<ServiceRisk[]>([]);
  const entities = useAsyncRetry(async () => {
    const response = await catalogApi.getEntities({
      filter: RESERVE_REQUIRED_ANNOTATIONS.map(annotation => ({
        kind: 'Component',
        [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
      })),
    });
    return response.items;
  }, [catalogApi]);

  useEffect(() => {
    const queue = [...(entities.value ?? [])];
    let cancelled = false;
    setRisks([]);
    const assessNext = async (): Promise<void> => {
      const entity = queue.shift();
      if (!entity || cancelled) {
        return;
      }
      let risk: ServiceRisk;
      try {
        const report = await reserveApi.getEntityReport(
          getCompoundEntityRef(entity),
        );
        risk = { ...riskOf(entity), summary: summaryOf(entity, report) };
      } catch (e) {
        risk = { ...riskOf(entity), error: describeError(e as Error) };
      }
      if (!cancelled) {
        setRisks(previous => [...previous, risk]);
        await assessNext();
      }
    };
    for (let i = 0; i < CONCURRENCY; i++) {
      assessNext();
    }
    return () => {
      cancelled = true;
    };
  }, [entities.value, reserveApi]);

  return {
    loading: entities.loading,
    error: entities.error,
    total: entities.value?.length,
    risks,
    retry: entities.retry,
  };
}
