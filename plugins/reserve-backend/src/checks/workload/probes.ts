import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import {
  containersOf,
  servingWorkloadKinds,
  servingWorkloads,
} from '../workloads';

const id = 'workload.probes';

/** workload.probes: every container of a long-running workload has readiness and liveness probes. */
export function checkProbes(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    // Probes matter wherever the pods may run, so a cold reserve is checked as well.
    sides: pairSides(view),
    kinds: servingWorkloadKinds,
    evaluate: (lists, side) => {
      const cluster = side.cluster.name;
      const workloads = servingWorkloads(lists);
      const findings: Finding[] = workloads.flatMap(workload =>
        containersOf(workload).flatMap((container): Finding[] => {
          const where = `container ${container.name} of ${workload.ref} on ${cluster}`;
          if (!container.readinessProbe) {
            return [{ state: 'fail', text: `${where} has no readiness probe` }];
          }
          if (!container.livenessProbe) {
            return [{ state: 'warn', text: `${where} has no liveness probe` }];
          }
          return [];
        }),
      );
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No long-running workloads on ${cluster}`
            : `Every container on ${cluster} has readiness and liveness probes`,
      });
    },
  });
}
