import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../readiness/EntityView';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import { allWorkloads, containersOf, workloadKinds } from '../workloads';

const id = 'workload.image-pinned';

/** Why an image reference is not pinned, or undefined when it names a version or digest. */
export function unpinnedReason(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  // A colon before the last slash is a registry port, not a tag (registry:5000/shop/api).
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'is untagged, so it pulls latest';
  return lastSegment.slice(colon + 1) === 'latest'
    ? 'uses the latest tag'
    : undefined;
}

/** workload.image-pinned: no container image is untagged or `:latest`. */
export function checkImagesPinned(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: pairSides(view),
    kinds: workloadKinds,
    evaluate: (lists, side) => {
      const cluster = side.cluster.name;
      const workloads = allWorkloads(lists);
      const findings: Finding[] = workloads.flatMap(workload =>
        containersOf(workload, { includeInit: true }).flatMap(
          (container): Finding[] => {
            const reason = unpinnedReason(container.image ?? '');
            return reason
              ? [
                  {
                    state: 'fail',
                    text: `image ${container.image} of ${workload.ref} on ${cluster} ${reason}`,
                  },
                ]
              : [];
          },
        ),
      );
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No workloads on ${cluster}`
            : `Every image on ${cluster} is pinned to a tag or digest`,
      });
    },
  });
}
