import { EntityBackups } from './backups';
import { CheckId } from './checks';
import { ClusterRole, ClusterSummary } from './cluster';
import { FailoverState, ReportSituation } from './failover';
import { EntityPolicy } from './policy';

/**
 * Outcome of a check.
 *
 * `unknown` means the data was missing (cluster unreachable, kind forbidden, not collected
 * yet); `waived` means someone accepted the failure until an expiry date.
 */
export type CheckState =
  | 'pass'
  | 'warn'
  | 'fail'
  | 'unknown'
  | 'not-applicable'
  | 'waived';

/** The answer to "could this service run from its reserve now?". */
export type Verdict = 'ready' | 'at-risk' | 'not-ready' | 'unknown';

/** How each verdict reads to people: on the page, in notifications. */
export const verdictLabels: Readonly<Record<Verdict, string>> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
  unknown: 'Unknown',
};

/** A check's outcome on one cluster of the pair. */
export interface ClusterCheckResult {
  cluster: string;
  state: CheckState;
  /** One sentence naming the cluster and, when not passing, the objects at fault. */
  message: string;
  /** Every finding behind the message, one line each, when there is more than one. */
  evidence?: string[];
  /** Present when `state` is `waived`. */
  waiver?: CheckWaiver;
}

/** One field that differs between a primary workload and its reserve copy. */
export interface SpecDifference {
  /** The reserve cluster compared with the primary. */
  cluster: string;
  /** The workload, e.g. `Deployment shop/api`. */
  workload: string;
  /** Field path, e.g. `spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value`. */
  path: string;
  /** The primary's value as JSON; absent when the field exists only on the reserve. */
  primary?: string;
  /** The reserve's value as JSON; absent when the field exists only on the primary. */
  reserve?: string;
  /** The difference in one line, e.g. `spec.template...value: "info" → "debug"`. */
  text: string;
}

/** Who accepted a failing check, why, and until when. */
export interface CheckWaiver {
  reason: string;
  by: string;
  /** ISO 8601 date-time after which the waiver no longer applies. */
  expiresAt: string;
  /** The waiver's id, to revoke it. */
  id?: string;
  /** The cluster whose result it waives; absent: every cluster's. */
  cluster?: string;
  /** The state the check (or the cluster's result) has underneath: `fail` or `warn`. */
  underlyingState?: CheckState;
}

/** A check's live result for one entity. */
export interface CheckResult {
  id: CheckId;
  state: CheckState;
  /** One line summing up the result across clusters. */
  message: string;
  /** Per-cluster results, for checks that look at each cluster. */
  clusters: ClusterCheckResult[];
  /** Field-level differences, for `parity.spec`. */
  diff?: SpecDifference[];
  /** Set when the failure is an accepted risk by policy, e.g. mode `none`. */
  acceptedRisk?: boolean;
  /** Present when `state` is `waived`. */
  waiver?: CheckWaiver;
}

/** A cluster as it appears in an entity's report: with the role it plays for this entity. */
export interface ReportCluster extends ClusterSummary {
  /**
   * The cluster's role for this entity now: its role in the entity's pair, swapped while the
   * entity is failed over (the reserve serving it is then its primary).
   */
  roleInPair: ClusterRole;
}

/** The readiness report of one entity, as served by `GET /entities/:kind/:namespace/:name/readiness`. */
export interface EntityReport {
  entityRef: string;
  policy: EntityPolicy;
  /** The namespaces the entity's objects were looked up in (for commands to copy). */
  namespaces?: string[];
  /** The entity's clusters, primary first; `snapshotAgeMs` is the age of the data each check saw. */
  clusters: ReportCluster[];
  checks: CheckResult[];
  /** 0 to 100; see `scoreChecks`. */
  score: number;
  verdict: Verdict;
  /** The entity's Velero schedules, recent backups, RPO status and restore drills. */
  backups?: EntityBackups;
  /** What to say first: the primary does not answer, or the entity serves from a reserve. */
  situation?: ReportSituation;
  /** Set while the entity is failed over, until a failback completes. */
  failover?: FailoverState;
  /** ISO 8601 date-time the report was computed. */
  generatedAt: string;
}
