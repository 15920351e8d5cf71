import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { parseImageReference } from '../../kube/imageReference';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import { allWorkloads, containersOf, workloadKinds } from '../workloads';

const id = 'workload.image-pinned';

/** Why an image reference is not pinned, or undefined when it names a version or digest. */
export function unpinnedReason(image: string): string | undefined {
  const parsed = parseImageReference(image);
  if ('problem' in parsed) {
    return `is not an image reference the kubelet can pull (${parsed.problem})`;
  }
  const { tag, digest } = parsed.reference;
  if (digest) return undefined;
  if (tag === undefined) return 'is untagged, so it pulls latest';
  return tag === 'latest' ? 'uses the latest tag' : undefined;
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
