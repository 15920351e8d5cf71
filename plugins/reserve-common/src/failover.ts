/**
 * A step a plan could not take, and why: a failover without its primary skips the primary's
 * side (suspending its CronJobs, scaling it down), which the failback runbook then lists as
 * something to do once the primary answers again.
 */
export interface SkippedStep {
  /** What the step would have done, e.g. `Suspend CronJob shop/dunning on prod-fra`. */
  title: string;
  /** The cluster it would have changed. */
  cluster: string;
  /** Why it was not planned, e.g. `prod-fra unreachable: connect ECONNREFUSED`. */
  reason: string;
}

/**
 * Where an entity serves from after a failover, until a failback completes: remembered by
 * Kube Reserve when its failover action succeeds, or recorded by hand for a failover done
 * outside it. While it holds, the entity is judged with roles swapped.
 */
export interface FailoverState {
  /** The cluster serving now: the reserve the entity failed over to. */
  servingCluster: string;
  /** The pair's configured primary, which the entity failed over from. */
  formerPrimary: string;
  /** When the failover completed, or when it was recorded by hand (ISO 8601). */
  since: string;
  /** Who ran or recorded it, e.g. `user:default/alice`. */
  by: string;
  /** Kube Reserve's failover execution; absent when the failover was recorded by hand. */
  executionId?: string;
  /** For a failover recorded by hand: what the person who recorded it wrote. */
  note?: string;
  /** Steps on the former primary the failover could not take, to do before failing back. */
  pendingOnFormerPrimary: SkippedStep[];
}

/** The body of `POST /entities/:kind/:namespace/:name/failover`: a failover done by hand. */
export interface FailoverRecordRequest {
  /** The reserve of the entity's pair that serves now. */
  servingCluster: string;
  /** What happened, for the audit trail and the page, e.g. `switched DNS by hand at 14:20`. */
  note: string;
}

/**
 * What the Reserve tab says first, when something about the service's situation matters more
 * than any single check: its primary does not answer, or it serves from a reserve.
 */
export interface ReportSituation {
  kind: 'primary-unreachable' | 'failed-over';
  /**
   * One sentence, e.g. `prod-fra unreachable since 2026-12-06T14:02:00Z; last data
   * 2026-12-06T14:01:10Z`. Instants are ISO 8601 so that the page can show them in local time.
   */
  message: string;
}
