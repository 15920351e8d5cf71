import { ReadinessChange } from '@kube-reserve/plugin-reserve-common';

/** An entity's readiness state as judged now, to record if it changed. */
export interface ObservedState extends ReadinessChange {
  entityRef: string;
}

/** Readiness history: a row for each change of an entity's verdict, score or check states. */
export interface HistoryStore {
  /**
   * Records each state that differs from the entity's latest recorded one, once across
   * backend instances; returns the entity refs whose change was recorded.
   */
  recordChanges(states: readonly ObservedState[]): Promise<string[]>;
  /**
   * The entity's changes at or after `since`, oldest first, preceded by the last one before
   * it (the state in force at `since`) when there is one.
   */
  listChanges(entityRef: string, since: Date): Promise<ReadinessChange[]>;
  /**
   * Since when the entity's recorded verdict has been other than `ready` without a break,
   * when its latest is; `complete` false when no older ready state is recorded.
   */
  notReadySince(
    entityRef: string,
  ): Promise<{ since: string; complete: boolean } | undefined>;
  /** The state in force at `at` for each entity, or its first recorded after `at`. */
  statesAt(
    entityRefs: readonly string[],
    at: Date,
  ): Promise<Map<string, ReadinessChange>>;
  /**
   * Deletes the changes older than `before`, but each entity's newest of them (the state in
   * force at `before`); returns how many.
   */
  deleteOlderThan(before: Date): Promise<number>;
}

/** One text per state: equal exactly when verdict, score and every check state are. */
export function stateDigest(state: ReadinessChange): string {
  const checks = Object.entries(state.checks)
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([id, checkState]) => `${id}=${checkState}`);
  return [state.verdict, state.score, ...checks].join(' ');
}
