/** A stored tick of a manual runbook item. */
export interface StoredRunbookTick {
  entityRef: string;
  runbook: string;
  item: string;
  /** The user's entity ref. */
  tickedBy: string;
  /** ISO 8601. */
  tickedAt: string;
  note?: string;
  /** ISO 8601; the tick no longer counts after it. */
  expiresAt: string;
}

/** Ticks of manual runbook items, per entity. */
export interface RunbookStore {
  /** Stores a tick, replacing an earlier tick of the same item. */
  tick(tick: StoredRunbookTick): Promise<void>;
  /** Removes an item's tick; false when it was not ticked. */
  untick(entityRef: string, runbook: string, item: string): Promise<boolean>;
  /** Every tick of an entity, expired ones included (runbooks show them as expired). */
  listTicks(entityRef: string): Promise<StoredRunbookTick[]>;
}
