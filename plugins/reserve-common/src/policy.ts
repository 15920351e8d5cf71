/**
 * How a service stands by on its reserve.
 *
 * `hot` serves traffic at full size, `warm` runs at a reduced size, `cold` is deployed at
 * zero replicas, and `none` has no reserve at all (an accepted risk, never ready).
 */
export type ReserveMode = 'hot' | 'warm' | 'cold' | 'none';

/** Where CronJobs run: only on the primary (reserve copies suspended) or on every cluster. */
export type CronJobPolicy = 'primary-only' | 'everywhere';

/** A warm reserve's size relative to the primary, e.g. 6 primary replicas for 4 reserve ones. */
export interface ReplicaRatio {
  primary: number;
  reserve: number;
}

/** A duration both as milliseconds and as written, so reports can echo `24h` rather than `86400000`. */
export interface PolicyDuration {
  ms: number;
  text: string;
}

/** The clusters an entity runs on: one primary and the reserves that can take over. */
export interface ClusterPair {
  primary: string;
  reserves: string[];
}

/** A malformed annotation: the report shows it, and the default is used instead. */
export interface PolicyProblem {
  /** The annotation at fault, e.g. `kube-reserve.io/rpo`. */
  annotation: string;
  message: string;
}

/** An entity's reserve policy: its `kube-reserve.io/*` annotations over the configured defaults. */
export interface EntityPolicy {
  mode: ReserveMode;
  replicaRatio: ReplicaRatio;
  /** Recovery point objective: the most data the service may lose. */
  rpo: PolicyDuration;
  /** Recovery time objective: how long a failover may take. */
  rto: PolicyDuration;
  /** Longest allowed time between two restore drills. */
  drillInterval: PolicyDuration;
  /** ConfigMap and Secret names that must differ between sites. */
  siteConfig: string[];
  /** Service names that front external dependencies. */
  externalServices: string[];
  cronJobs: CronJobPolicy;
  /** The entity's clusters; absent when neither an annotation nor the configuration names a pair. */
  clusters?: ClusterPair;
  problems: PolicyProblem[];
}
