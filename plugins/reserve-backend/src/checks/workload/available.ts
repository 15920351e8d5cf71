import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import { servingWorkloadKinds } from '../workloads';

const id = 'workload.available';

interface Availability {
  ref: string;
  desired: number;
  available: number;
}

/** workload.available: every workload has as many available replicas as it desires, now. */
export function checkAvailable(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    // A reserve whose pods do not come up is no reserve, so every cluster of the pair counts.
    sides: pairSides(view),
    kinds: servingWorkloadKinds,
    evaluate: (lists, side) => {
      const cluster = side.cluster.name;
      const ref = (kind: string, m?: { namespace?: string; name?: string }) =>
        `${kind} ${m?.namespace}/${m?.name}`;
      const availability: Availability[] = [
        ...lists.deployments.map(d => ({
          ref: ref('Deployment', d.metadata),
          desired: d.spec?.replicas ?? 1,
          available: d.status?.availableReplicas ?? 0,
        })),
        ...lists.statefulSets.map(s => ({
          ref: ref('StatefulSet', s.metadata),
          desired: s.spec?.replicas ?? 1,
          available: s.status?.availableReplicas ?? 0,
        })),
        ...lists.daemonSets.map(d => ({
          ref: ref('DaemonSet', d.metadata),
          desired: d.status?.desiredNumberScheduled ?? 0,
          available: d.status?.numberAvailable ?? 0,
        })),
      ];
      const findings: Finding[] = availability
        .filter(a => a.available < a.desired)
        .map(a => ({
          state: 'fail',
          text: `${a.ref} has ${a.available} of ${a.desired} replicas available on ${cluster}`,
        }));
      return clusterResult(cluster, findings, {
        state: availability.length === 0 ? 'not-applicable' : 'pass',
        message:
          availability.length === 0
            ? `No long-running workloads on ${cluster}`
            : `Every workload on ${cluster} is fully available`,
      });
    },
  });
}
