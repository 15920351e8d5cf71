import {
  ActionPlan,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';

/** Stored action plans: what was planned, by whom, and what it was computed from. */
export interface PlanStore {
  /**
   * Stores a new plan. With `limits`, also deletes the entity's plans no execution references
   * that are older than `expiredBefore` or beyond its newest `keep` plans (the plans executions
   * reference count towards `keep`); never the new one.
   */
  savePlan(plan: ActionPlan, limits?: PlanLimits): Promise<void>;
  /** A plan by id, or undefined. */
  getPlan(id: string): Promise<ActionPlan | undefined>;
  /**
   * The plan of the entity's newest execution of an action that succeeded, optionally on one
   * reserve: what a failback reverses.
   */
  lastSucceededPlan(
    entityRef: string,
    action: ReserveActionId,
    reserve?: string,
  ): Promise<ActionPlan | undefined>;
}

/** How many of an entity's plans are kept, and for how long. */
export interface PlanLimits {
  /**
   * At most this many plans per entity, unless the plans executions reference leave no room:
   * those all stay, and the new plan with them.
   */
  keep: number;
  /** Plans created before this are expired and can go. */
  expiredBefore: Date;
}
