import {
  ClusterPair,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';

/** A primary with its reserves, resolved to their summaries. */
export interface ResolvedClusterPair {
  primary: ClusterSummary | { name: string };
  reserves: Array<ClusterSummary | { name: string }>;
  /** True when the pair was inferred from cluster roles rather than read from `reserve.pairs`. */
  inferred: boolean;
}

/**
 * The cluster pairs to show: the configured ones when the backend lists them, otherwise every
 * primary paired with every reserve (what roles alone can tell).
 */
export function resolveClusterPairs(
  clusters: readonly ClusterSummary[],
  pairs?: readonly ClusterPair[],
): ResolvedClusterPair[] {
  const byName = new Map(clusters.map(c => [c.name, c]));
  const resolve = (name: string) => byName.get(name) ?? { name };
  if (pairs) {
    return pairs.map(pair => ({
      primary: resolve(pair.primary),
      reserves: pair.reserves.map(resolve),
      inferred: false,
    }));
  }
  const reserves = clusters.filter(c => c.role === 'reserve');
  return clusters
    .filter(c => c.role === 'primary')
    .map(primary => ({ primary, reserves, inferred: true }));
}

/** Whether a pair member is known to the backend (and so has facts and a status). */
export function isClusterSummary(
  cluster: ClusterSummary | { name: string },
): cluster is ClusterSummary {
  return 'status' in cluster;
}
