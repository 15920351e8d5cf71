/** A condition of an entity at the level it was observed at (0: clear). */
export interface ConditionLevel {
  entityRef: string;
  /** e.g. `verdict`, `api-certificate`. */
  condition: string;
  level: number;
  /** When the state it was observed in was judged. */
  at: Date;
}

/** A condition whose level changed: `previous` is undefined the first time it is observed. */
export interface ConditionChange extends ConditionLevel {
  previous?: number;
}

/**
 * The level each notified condition of each entity was last observed at, shared by the
 * backend instances, so that a change is acted on (a notification sent) by one of them.
 */
export interface ConditionStore {
  /**
   * Stores each level that differs from the stored one and returns those changes, each to
   * one caller only: two instances observing the same change concurrently get it once. An
   * observation older than the stored one is ignored, so that an instance whose report lags
   * behind cannot undo a newer observation (and have it notified twice).
   */
  observe(levels: readonly ConditionLevel[]): Promise<ConditionChange[]>;
  /**
   * Puts a condition back to `previous` if it is still at `level` (a notification about the
   * change could not be sent), so that the change is seen again at the next observation.
   */
  revert(change: ConditionChange): Promise<void>;
}
