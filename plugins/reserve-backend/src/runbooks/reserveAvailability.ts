import { AutoRunbookItem } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import { readSide } from '../view/clusterData';
import { Finding, clusterResult } from '../checks/outcome';

/**
 * Whether the entity's Deployments and StatefulSets on a reserve are up: every one has
 * replicas and all of them available. A cold reserve still at zero replicas has yet to be
 * scaled, which is not a failure of the reserve but not ready to serve either.
 */
export function reserveAvailability(
  side: ClusterSideView,
): Pick<AutoRunbookItem, 'state' | 'message'> {
  const cluster = side.cluster.name;
  const data = readSide(side, ['deployments', 'statefulSets']);
  if ('unknown' in data) return data.unknown;
  const workloads = [
    ...data.lists.deployments.map(d => ({ kind: 'Deployment', object: d })),
    ...data.lists.statefulSets.map(s => ({ kind: 'StatefulSet', object: s })),
  ];
  const findings = workloads.flatMap(({ kind, object }): Finding[] => {
    const ref = `${kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
    const desired = object.spec?.replicas ?? 1;
    const available = object.status?.availableReplicas ?? 0;
    if (desired === 0) {
      return [
        {
          state: 'warn',
          text: `${ref} on ${cluster} is scaled to 0: scale the reserve first`,
        },
      ];
    }
    return available < desired
      ? [
          {
            state: 'fail',
            text: `${ref} on ${cluster} has ${available} of ${desired} replicas available`,
          },
        ]
      : [];
  });
  const result = clusterResult(cluster, findings, {
    message:
      workloads.length === 0
        ? `The service has no Deployment or StatefulSet on ${cluster}`
        : `Every Deployment and StatefulSet of the service on ${cluster} is fully available`,
  });
  // Nothing deployed on the reserve means it cannot serve: never a pass.
  return workloads.length === 0
    ? { state: 'fail', message: result.message }
    : { state: result.state, message: result.message };
}
