import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import { allWorkloads, containersOf, workloadKinds } from '../workloads';

const id = 'workload.resources';

/** workload.resources: every container of every workload requests CPU and memory. */
export function checkResourceRequests(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: pairSides(view),
    kinds: workloadKinds,
    evaluate: (lists, side) => {
      const cluster = side.cluster.name;
      const workloads = allWorkloads(lists);
      const findings: Finding[] = workloads.flatMap(workload =>
        containersOf(workload).flatMap((container): Finding[] => {
          // The API server defaults a missing request to the limit, so a limit requests too.
          const { requests = {}, limits = {} } = container.resources ?? {};
          const missing = [
            (requests.cpu ?? limits.cpu) === undefined ? 'CPU' : undefined,
            (requests.memory ?? limits.memory) === undefined
              ? 'memory'
              : undefined,
          ].filter(Boolean);
          return missing.length === 0
            ? []
            : [
                {
                  state: 'fail',
                  text: `container ${container.name} of ${
                    workload.ref
                  } on ${cluster} has no ${missing.join(' and ')} request`,
                },
              ];
        }),
      );
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No workloads on ${cluster}`
            : `Every container on ${cluster} requests CPU and memory`,
      });
    },
  });
}
