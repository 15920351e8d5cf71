import {
  FailoverState,
  ReportSituation,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';

/** `Serving from reserve-ams since … (failover by …)`, or how it was recorded by hand. */
export function failedOverSituation(failover: FailoverState): ReportSituation {
  const how = failover.executionId
    ? `failover by ${failover.by}`
    : `recorded by hand by ${failover.by}${
        failover.note ? `: ${failover.note}` : ''
      }`;
  return {
    kind: 'failed-over',
    message: `Serving from ${failover.servingCluster} since ${failover.since} (${how})`,
  };
}

/**
 * `prod-fra unreachable since …; last data …` while the primary does not answer; undefined
 * while it does, and before its first collection (nothing is known to be wrong yet).
 */
export function primaryUnreachableSituation(
  primary: ClusterSideView | undefined,
): ReportSituation | undefined {
  if (!primary) return undefined;
  const { name } = primary.cluster;
  const { state, staleSince, collectedAt, message } = primary.status;
  if (state === 'ok' || state === 'pending') return undefined;
  const what = state === 'stale' ? `${name} not refreshed` : `${name} ${state}`;
  // Since when it failed is known once it had answered before; else say why it fails.
  let since = '';
  if (staleSince) since = ` since ${staleSince}`;
  else if (message) since = ` (${message})`;
  const data = collectedAt
    ? `last data ${collectedAt}`
    : 'no data collected from it yet';
  return { kind: 'primary-unreachable', message: `${what}${since}; ${data}` };
}
