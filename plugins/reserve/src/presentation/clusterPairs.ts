import {
  ClusterPair,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';

/** A configured primary with its reserves, resolved to their summaries. */
export interface ResolvedClusterPair {
  primary: ClusterSummary | { name: string };
  reserves: Array<ClusterSummary | { name: string }>;
}

/** The configured pairs (`reserve.pairs`), each cluster resolved to its summary when known. */
export function resolveClusterPairs(
  clusters: readonly ClusterSummary[],
  pairs: readonly ClusterPair[],
): ResolvedClusterPair[] {
  const byName = new Map(clusters.map(c => [c.name, c]));
  const resolve = (name: string) => byName.get(name) ?? { name };
  return pairs.map(pair => ({
    primary: resolve(pair.primary),
    reserves: pair.reserves.map(resolve),
  }));
}

/** Whether a pair member is known to the backend (and so has facts and a status). */
export function isClusterSummary(
  cluster: ClusterSummary | { name: string },
): cluster is ClusterSummary {
  return 'status' in cluster;
}
