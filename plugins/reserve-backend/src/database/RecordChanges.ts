/**
 * Tells this instance's readers which entities' records (drills, failovers) were just written
 * by this instance, so that what they keep from the old records is not served again. Writes
 * by other instances reach them through their own periodic reads.
 */
export class RecordChanges {
  private readonly listeners: ((entityRefs: readonly string[]) => void)[] = [];

  subscribe(listener: (entityRefs: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  written(entityRefs: readonly string[]): void {
    if (entityRefs.length === 0) return;
    for (const listener of this.listeners) listener(entityRefs);
  }
}
