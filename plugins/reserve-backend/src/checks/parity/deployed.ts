import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';
import { allWorkloads, byRef, workloadKinds } from '../workloads';

const id = 'parity.deployed';

/** parity.deployed: every primary workload (Deployment, StatefulSet, DaemonSet, CronJob) exists on each reserve. */
export function checkDeployed(view: EntityView): CheckResult {
  const primaryName = view.primary?.cluster.name;
  return compareWithReserves(view, {
    id,
    primaryKinds: workloadKinds,
    reserveKinds: workloadKinds,
    notApplicableWhen: primary =>
      allWorkloads(primary).length === 0
        ? `No workloads on ${primaryName} to look for on a reserve`
        : undefined,
    compare: (primary, reserve, reserveSide) => {
      const cluster = reserveSide.cluster.name;
      const expected = allWorkloads(primary);
      const present = byRef(allWorkloads(reserve));
      const findings: Finding[] = expected
        .filter(workload => !present.has(workload.ref))
        .map(workload => ({
          state: 'fail',
          text: `${workload.ref} is missing on ${cluster}`,
        }));
      return clusterResult(cluster, findings, {
        message: `All ${expected.length} workloads of ${primaryName} are deployed on ${cluster}`,
      });
    },
  });
}
