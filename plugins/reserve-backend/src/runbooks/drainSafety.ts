import { AutoRunbookItem } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import { readSide } from '../view/clusterData';
import { budgetsSelecting, drainTolerance } from '../checks/disruptionBudgets';
import { Finding, clusterResult } from '../checks/outcome';
import { scalableWorkloads } from '../checks/workloads';

/** Said with every drain-safety answer, since it cannot be told per node. */
export const drainSafetyBasis =
  'Pods are not collected, so where they run is unknown: this holds for a drain of any node. A workload with more than one replica and one PodDisruptionBudget allowing a disruption tolerates it.';

/**
 * Whether this service keeps running while any one node of the cluster is drained, from
 * its Deployments' and StatefulSets' replicas and PodDisruptionBudgets there.
 */
export function drainSafety(
  side: ClusterSideView,
): Pick<AutoRunbookItem, 'state' | 'message'> {
  const cluster = side.cluster.name;
  const data = readSide(side, [
    'deployments',
    'statefulSets',
    'podDisruptionBudgets',
  ]);
  if ('unknown' in data) return data.unknown;
  const running = scalableWorkloads(data.lists).filter(
    w => (w.replicas ?? 1) > 0,
  );
  const findings = running.flatMap((w): Finding[] => {
    const tolerance = drainTolerance(
      `${w.ref} on ${cluster}`,
      w.replicas ?? 1,
      budgetsSelecting(
        w.namespace,
        w.template,
        data.lists.podDisruptionBudgets,
      ),
    );
    return tolerance.state === 'pass'
      ? []
      : [{ state: tolerance.state, text: tolerance.text }];
  });
  const result = clusterResult(cluster, findings, {
    state: running.length === 0 ? 'not-applicable' : 'pass',
    message:
      running.length === 0
        ? `The service runs no Deployment or StatefulSet on ${cluster}`
        : `Every Deployment and StatefulSet of the service on ${cluster} has more than one replica and a PodDisruptionBudget that allows a drain`,
  });
  return { state: result.state, message: result.message };
}
