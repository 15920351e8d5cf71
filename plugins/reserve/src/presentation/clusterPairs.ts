import {
  ClusterPair,
  ClusterRole,
  ClusterSummary,
  FailoverState,
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

/**
 * Why a cluster plays a role other than its configured one, e.g. `Serving since the failover;
 * configured as reserve`; undefined when it plays its configured role.
 */
export function describeRoleNow(
  cluster: ClusterSummary | { name: string },
  roleNow: ClusterRole,
  failover?: FailoverState,
): string | undefined {
  const configured = isClusterSummary(cluster) ? cluster.role : undefined;
  if (failover?.servingCluster === cluster.name) {
    return `Serving since the failover; configured as ${
      configured ?? 'reserve'
    }`;
  }
  if (failover?.formerPrimary === cluster.name) {
    return `The former primary until a failback; configured as ${
      configured ?? 'primary'
    }`;
  }
  return configured && configured !== roleNow
    ? `Configured as ${configured}`
    : undefined;
}
