import type { ClusterPlatformFacts } from './platform';
import type { ClusterPair } from './policy';

/** The part a cluster plays: the one serving today, or one standing by to take over. */
export type ClusterRole = 'primary' | 'reserve';

/**
 * How the last collection of a cluster went.
 *
 * `stale` means collections keep failing while the last good snapshot is still served;
 * `pending` means the cluster has never been collected (for instance just after startup).
 */
export type ClusterConnectionState =
  | 'ok'
  | 'unreachable'
  | 'unauthorized'
  | 'stale'
  | 'pending';

/**
 * How the last listing of one resource kind went on a cluster; `absent` is an optional CRD
 * (Velero, cert-manager) that is not installed there.
 */
export type ResourceKindState = 'ok' | 'forbidden' | 'failed' | 'absent';

/** Outcome of listing one resource kind, with the API server's message when it failed. */
export interface ResourceKindStatus {
  state: ResourceKindState;
  /**
   * Why the kind is not `ok`; on an `ok` kind, what the collector left out of the listing
   * (an object without a name, annotations past the API server's size limit).
   */
  message?: string;
  /**
   * For a kind whose latest listing `failed`: when the listing still served in its place was
   * taken (ISO 8601). Absent when no listing is served, and for the other states.
   */
  listedAt?: string;
  /**
   * How an `ok` kind is kept current: `watch` (a watch is open, a change shows within
   * seconds) or `poll` (listed every refresh period; `pollReason` says why: the cluster
   * refuses watch on it, the watch is reconnecting, or watching is turned off).
   */
  collection?: 'watch' | 'poll';
  /** With `collection: poll`: why the kind is not watched. */
  pollReason?: string;
}

/** Health of a cluster's data: whether it answered, and which kinds it let us read. */
export interface ClusterStatus {
  state: ClusterConnectionState;
  /** Why the cluster is not `ok`, e.g. `connect ECONNREFUSED 10.0.0.1:6443`. */
  message?: string;
  /** When the snapshot now served was taken (ISO 8601); absent while `pending`. */
  collectedAt?: string;
  /** When collections started failing while an older snapshot is still served (ISO 8601). */
  staleSince?: string;
  /**
   * Per resource kind, keyed by the API's plural resource name (`secrets`, `cronjobs`,
   * `schedules.velero.io` for kinds outside the core and apps groups).
   */
  kinds: Record<string, ResourceKindStatus>;
}

/** What the configuration says about a cluster: where it runs and who runs it. */
export interface ClusterFacts {
  name: string;
  role: ClusterRole;
  /** Data centre, e.g. `fra1`; two clusters in one site burn down together. */
  site?: string;
  /** Hosting provider, e.g. `hetzner`. */
  provider?: string;
  /** Provider region, e.g. `eu-central`. */
  region?: string;
  /** True for managed control planes (EKS, GKE, AKS...), whose masters are not ours to count. */
  managedControlPlane?: boolean;
}

/** A cluster as listed by `GET /clusters`. */
export interface ClusterSummary extends ClusterFacts {
  /** API server version, e.g. `v1.34.2`; absent until the cluster was reached once. */
  version?: string;
  /** The API server's serving certificate, when it could be read. */
  apiCertificate?: { notAfter: string };
  status: ClusterStatus;
  /** Milliseconds since the served snapshot was taken; absent while `pending`. */
  snapshotAgeMs?: number;
  /** Certificate, version, control-plane, leader-election and node facts with their checks. */
  platform?: ClusterPlatformFacts;
}

/** The answer of `GET /clusters`: every configured cluster, and the configured pairs. */
export interface ClustersResponse {
  clusters: ClusterSummary[];
  pairs: ClusterPair[];
}
