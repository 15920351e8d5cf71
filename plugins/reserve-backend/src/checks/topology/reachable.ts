import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { combineClusterResults, unknownResult } from '../outcome';
import { pairSides } from '../sides';

const id = 'topology.reachable';

function reachability(side: ClusterSideView): ClusterCheckResult {
  const { name } = side.cluster;
  const { state, message, collectedAt, staleSince, kinds } = side.status;
  const because = message ? `: ${message}` : '';
  switch (state) {
    case 'pending':
      return {
        cluster: name,
        state: 'unknown',
        message: `${name} not collected yet`,
      };
    case 'unreachable':
    case 'unauthorized':
      return {
        cluster: name,
        state: 'fail',
        message: `${name} ${state}${because}`,
      };
    case 'stale':
      return {
        cluster: name,
        state: 'fail',
        message: `${name} has not answered${
          staleSince ? ` since ${staleSince}` : ''
        }${because}`,
      };
    default:
      break;
  }
  // It answered, but a kind it refused (forbidden) or failed to list leaves other checks blind
  // on this cluster. An absent optional CRD (the API group is not served: no Velero or
  // cert-manager there) is a fact about the cluster, not a blind spot.
  const unreadable = Object.entries(kinds)
    .filter(([, kind]) => kind.state !== 'ok' && kind.state !== 'absent')
    .map(([resource, kind]) => `${resource} ${kind.state}`);
  if (unreadable.length > 0) {
    return {
      cluster: name,
      state: 'warn',
      message: `${name} answered, but ${unreadable.join(', ')}`,
      evidence: unreadable,
    };
  }
  return {
    cluster: name,
    state: 'pass',
    message: `${name} answered${collectedAt ? ` at ${collectedAt}` : ''}`,
  };
}

/**
 * topology.reachable: pass when every cluster of the pair answered and listed every kind;
 * warn when a cluster answered but refused or failed some kinds, named; fail when a cluster
 * did not answer (unreachable, unauthorized, or stale: its collections keep failing), or is
 * not configured at all. A cluster never collected yet is unknown.
 */
export function checkReachable(view: EntityView): CheckResult {
  const pair = view.policy.clusters;
  if (!pair) {
    return unknownResult(id, 'No cluster pair is configured for this entity');
  }
  const unconfigured: ClusterCheckResult[] = [pair.primary, ...pair.reserves]
    .filter(name => view.unconfiguredClusters.includes(name))
    .map(name => ({
      cluster: name,
      state: 'fail',
      message: `${name} is not configured under reserve.clusters, so it is never collected`,
    }));
  return combineClusterResults(id, [
    ...pairSides(view).map(reachability),
    ...unconfigured,
  ]);
}
