import { ClusterSummary } from '@kube-reserve/plugin-reserve-common';

/** The age of the oldest snapshot among clusters, or undefined when none was collected. */
export function oldestSnapshotAge(
  clusters: readonly ClusterSummary[],
): number | undefined {
  const ages = clusters
    .map(c => c.snapshotAgeMs)
    .filter((age): age is number => age !== undefined);
  return ages.length > 0 ? Math.max(...ages) : undefined;
}
