import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../readiness/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';
import { allWorkloads, byRef, containersOf, workloadKinds } from '../workloads';

const id = 'parity.images';

/** parity.images: each container runs the same image (tag or digest) on the primary and the reserve. */
export function checkImages(view: EntityView): CheckResult {
  return compareWithReserves(view, {
    id,
    primaryKinds: workloadKinds,
    reserveKinds: workloadKinds,
    compare: (primary, reserve, reserveSide) => {
      const cluster = reserveSide.cluster.name;
      const onReserve = byRef(allWorkloads(reserve));
      // Workloads missing on the reserve are parity.deployed's finding, not ours.
      const pairs = allWorkloads(primary).flatMap(workload => {
        const copy = onReserve.get(workload.ref);
        return copy ? [{ workload, copy }] : [];
      });
      const findings: Finding[] = pairs.flatMap(({ workload, copy }) => {
        const reserveImages = new Map(
          containersOf(copy, { includeInit: true }).map(c => [c.name, c.image]),
        );
        return containersOf(workload, { includeInit: true }).flatMap(
          (container): Finding[] => {
            const reserveImage = reserveImages.get(container.name);
            if (reserveImage === container.image) return [];
            return [
              {
                state: 'fail',
                text:
                  reserveImage === undefined
                    ? `container ${container.name} of ${workload.ref} is missing on ${cluster}`
                    : `${workload.ref} container ${container.name} runs ${reserveImage} on ${cluster} but ${container.image} on the primary`,
              },
            ];
          },
        );
      });
      return clusterResult(cluster, findings, {
        state: pairs.length === 0 ? 'not-applicable' : 'pass',
        message:
          pairs.length === 0
            ? `No workload of the primary is deployed on ${cluster} to compare`
            : `${cluster} runs the primary's images`,
      });
    },
  });
}
