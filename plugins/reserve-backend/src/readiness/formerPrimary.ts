import {
  CheckResult,
  ClusterCheckResult,
  ClusterStatus,
} from '@kube-reserve/plugin-reserve-common';
import { unavailableReason } from '../view/clusterData';
import { combineClusterResults } from '../checks/outcome';
import { ClusterSideView } from '../view/EntityView';

function notAnswering(name: string, status: ClusterStatus): string {
  switch (status.state) {
    case 'unauthorized':
      return `${name}, the former primary, refuses Kube Reserve's credentials`;
    case 'pending':
      return `${name}, the former primary, has not been collected yet`;
    case 'stale':
      return `${name}, the former primary, has not answered${
        status.staleSince ? ` since ${status.staleSince}` : ''
      }`;
    default:
      return `${name}, the former primary, is unreachable`;
  }
}

/**
 * While the entity is failed over, its former primary not answering is expected: that is
 * usually why it failed over. What would need the former primary's data does not apply until
 * it answers (never `unknown`, which would leave the verdict unknown for as long as the fire
 * burns), and topology.reachable warns that failing back waits for it.
 */
export function judgeFormerPrimary(
  checks: CheckResult[],
  formerPrimary: ClusterSideView | undefined,
): CheckResult[] {
  if (!formerPrimary || formerPrimary.status.state === 'ok') return checks;
  const { name } = formerPrimary.cluster;
  const { status } = formerPrimary;
  const head = `${notAnswering(name, status)} (expected while failed over)`;
  const cause = status.message ? `: ${status.message}` : '';
  // A check's own words for "this cluster does not answer" add nothing to the head.
  const clusterDown = unavailableReason(formerPrimary, []) ?? '';
  const explain = (message: string) =>
    !message || message.startsWith(clusterDown)
      ? `${head}${cause}`
      : `${head}: ${message}`;

  const judged = (
    checkId: string,
    result: ClusterCheckResult,
  ): ClusterCheckResult => {
    if (result.cluster !== name) return result;
    if (checkId === 'topology.reachable' && result.state === 'fail') {
      return {
        cluster: name,
        state: 'warn',
        message: `${head}${cause}; fail back once it answers`,
      };
    }
    if (result.state === 'unknown') {
      return {
        cluster: name,
        state: 'not-applicable',
        message: explain(result.message),
      };
    }
    return result;
  };

  return checks.map(check => {
    const clusters = check.clusters.map(result => judged(check.id, result));
    if (clusters.every((result, i) => result === check.clusters[i])) {
      return check;
    }
    const { state, message } = combineClusterResults(check.id, clusters);
    return { ...check, state, message, clusters };
  });
}
