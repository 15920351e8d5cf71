import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { sameImage } from '../../kube/imageReference';
import { EntityView } from '../../view/EntityView';
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
        const reserveContainers = new Map(
          containersOf(copy, { includeInit: true }).map(c => [c.name, c]),
        );
        return containersOf(workload, { includeInit: true }).flatMap(
          (container): Finding[] => {
            const reserveContainer = reserveContainers.get(container.name);
            if (!reserveContainer) {
              return [
                {
                  state: 'fail',
                  text: `container ${container.name} of ${workload.ref} is missing on ${cluster}`,
                },
              ];
            }
            // As the runtime resolves them: `nginx:1.27` is `docker.io/library/nginx:1.27`.
            if (sameImage(reserveContainer.image, container.image)) return [];
            return [
              {
                state: 'fail',
                text: `${workload.ref} container ${container.name} runs ${reserveContainer.image} on ${cluster} but ${container.image} on the primary`,
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
