import { FailoverState } from '@kube-reserve/plugin-reserve-common';

/** How a failover ended: the failback that completed it, run by Kube Reserve or done by hand. */
export interface FailoverEnd {
  /** When the failback completed, or was recorded by hand (ISO 8601). */
  at: string;
  /** Who ran or recorded the failback, e.g. `user:default/alice`. */
  by: string;
  /** Kube Reserve's failback execution; absent for a failback recorded by hand. */
  executionId?: string;
}

/** A stored failover: in force until it has an end. */
export interface StoredFailover extends FailoverState {
  entityRef: string;
  /** Absent while the entity is still failed over. */
  ended?: FailoverEnd;
}

/**
 * Where entities serve from after a failover, until a failback completes; ended failovers
 * are kept as the entity's history. At most one failover is in force per entity.
 */
export interface FailoverStore {
  /** Stores a failover in force; ConflictError when the entity is already failed over. */
  recordFailover(entityRef: string, failover: FailoverState): Promise<void>;
  /** Ends the entity's failover in force: the failover it ended, or undefined when none held. */
  endFailover(
    entityRef: string,
    end: FailoverEnd,
  ): Promise<StoredFailover | undefined>;
  /** The entity's failover in force, or undefined. */
  getFailover(entityRef: string): Promise<FailoverState | undefined>;
  /** The failover in force of each given entity that has one, in one read. */
  failoversInForce(
    entityRefs: readonly string[],
  ): Promise<Map<string, FailoverState>>;
  /** The entity's failovers, newest first, ended ones included. */
  listFailovers(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<StoredFailover[]>;
}
