import { DrillRecord } from '@kube-reserve/plugin-reserve-common';

/** The restore drill history, kept because Velero forgets finished restores. */
export interface DrillStore {
  /** Stores drills; a drill already stored (same entity, cluster and restore) is updated. */
  recordDrills(drills: readonly DrillRecord[]): Promise<void>;
  /** An entity's drills, newest first. */
  listDrills(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<DrillRecord[]>;
  /** Several entities' drills in one read, newest first per entity (every ref is a key). */
  listDrillsByEntity(
    entityRefs: readonly string[],
    options?: { limit?: number },
  ): Promise<Map<string, DrillRecord[]>>;
}
