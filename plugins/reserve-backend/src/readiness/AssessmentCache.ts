import { Entity } from '@backstage/catalog-model';
import {
  DrillRecord,
  FailoverState,
  Waiver,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { judgedAlike } from './judgedFacts';

/**
 * What an assessment read besides the clusters' snapshots and the time, each as a text that
 * is equal exactly when what was read is.
 */
export interface AssessmentInputs {
  /** The catalog's etag of the entity, or the entity itself when it has none. */
  entity: string;
  drills: string;
  failover: string;
  /** The waivers in force it applied. */
  waivers: string;
}

interface KeptAssessment<T> {
  inputs: AssessmentInputs;
  /** Each cluster the assessment read, with the collected snapshot it read. */
  clusters: Map<string, ClusterSnapshot | undefined>;
  computedAtMs: number;
  /** The end of its time bound. */
  timeBoundMs: number;
  /** The end of its time bound, or earlier when a snapshot turns stale by itself. */
  validUntilMs: number;
  assessment: T;
}

// JSON with every object's keys in order: the same content gives the same text.
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, field) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(
          Object.entries(field).sort(([a], [b]) =>
            a < b ? -1 : Number(a > b),
          ),
        )
      : field,
  );
}

/** The entity as an assessment's input: equal exactly when the entity is. */
export function entityInput(entity: Entity): string {
  // The catalog's etag changes with any change to the entity (its relations included).
  return entity.metadata.etag ?? stableJson(entity);
}

/** The inputs of one entity's assessment, to tell whether a kept one still holds. */
export function assessmentInputs(
  entity: Entity,
  drills: readonly DrillRecord[],
  failover: FailoverState | undefined,
  waivers: readonly Waiver[] = [],
): AssessmentInputs {
  return {
    entity: entityInput(entity),
    drills: stableJson(drills),
    failover: failover ? stableJson(failover) : '',
    waivers: stableJson(waivers),
  };
}

/**
 * Entity assessments kept for as long as they hold: while the entity, its drills, its
 * failover and the snapshots of the clusters it was judged on are the ones it read (or
 * later ones judged alike), and
 * at most `maxAgeMs` (some results depend on time alone: ages, expiries, lease renewals).
 * Holds at most `maxEntries`, dropping the least recently used.
 */
export class AssessmentCache<T> {
  private readonly kept = new Map<string, KeptAssessment<T>>();
  private lastSweepMs = 0;

  constructor(
    private readonly options: {
      snapshots: Pick<ClusterSnapshots, 'servedVersion'>;
      maxAgeMs: number;
      /**
       * The share of `maxAgeMs` one assessment's time bound gets, from 0.5 to 1; random by
       * default, so that the assessments made together (at start, after a collection) do not
       * all come due together and have the keeper judge every entity in one burst.
       */
      spread?: () => number;
      maxEntries: number;
    },
  ) {}

  /**
   * The entity's kept assessment if it still holds at `nowMs` for these inputs; given only
   * the entity's input, for the drills, failover and waivers it read as they were (the caller
   * knows of every change to them: see {@link AssessmentCache.forget}).
   */
  get(
    entityRef: string,
    inputs: AssessmentInputs | Pick<AssessmentInputs, 'entity'>,
    nowMs: number,
  ): T | undefined {
    const entry = this.kept.get(entityRef);
    if (!entry) return undefined;
    this.kept.delete(entityRef);
    if (!this.holds(entry, nowMs) || !sameInputs(entry.inputs, inputs)) {
      return undefined;
    }
    // Reinserted as the most recently used: the Map's first entry is the next to drop.
    this.kept.set(entityRef, entry);
    return entry.assessment;
  }

  /**
   * Keeps an assessment computed at `nowMs` from these inputs and clusters' snapshots, at most
   * until `notAfterMs` when given (a waiver it applied lapses then).
   */
  set(
    entityRef: string,
    inputs: AssessmentInputs,
    clusterNames: readonly string[],
    assessment: T,
    nowMs: number,
    notAfterMs = Infinity,
  ): void {
    const { snapshots, maxAgeMs, maxEntries } = this.options;
    const clusters = new Map<string, ClusterSnapshot | undefined>();
    const share = this.options.spread?.() ?? 0.5 + Math.random() / 2;
    const timeBoundMs = Math.min(nowMs + maxAgeMs * share, notAfterMs);
    let validUntilMs = timeBoundMs;
    for (const name of clusterNames) {
      const version = snapshots.servedVersion(name);
      clusters.set(name, version.collected);
      validUntilMs = Math.min(validUntilMs, version.unchangedUntilMs);
    }
    this.kept.delete(entityRef);
    this.kept.set(entityRef, {
      inputs,
      clusters,
      computedAtMs: nowMs,
      timeBoundMs,
      validUntilMs,
      assessment,
    });
    if (nowMs - this.lastSweepMs >= maxAgeMs) {
      this.dropOutdated(nowMs);
    }
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= maxEntries) break;
      this.kept.delete(oldest);
    }
  }

  /**
   * Drops every assessment that no longer holds, so that none keeps superseded snapshots'
   * objects in memory; `set` calls it once per `maxAgeMs`.
   */
  dropOutdated(nowMs: number): void {
    this.lastSweepMs = nowMs;
    for (const [entityRef, entry] of this.kept) {
      if (!this.holds(entry, nowMs)) this.kept.delete(entityRef);
    }
  }

  /** Drops the entity's kept assessment. */
  forget(entityRef: string): void {
    this.kept.delete(entityRef);
  }

  /** How many assessments are kept. */
  get size(): number {
    return this.kept.size;
  }

  // Still within its time bound, and every cluster it read serves the snapshot it read, or
  // a later one the checks would judge alike (see judgedFacts): a collection that brought
  // nothing new, Leases renewed by the same leaders.
  private holds(entry: KeptAssessment<T>, nowMs: number): boolean {
    if (nowMs < entry.computedAtMs || nowMs > entry.validUntilMs) return false;
    for (const [name, collected] of entry.clusters) {
      const version = this.options.snapshots.servedVersion(name);
      if (version.collected === collected) continue;
      if (!judgedAlike(collected, version.collected)) return false;
      // Follow the later snapshot: the earlier one can go, and staleness counts from it.
      entry.clusters.set(name, version.collected);
      entry.validUntilMs = Math.min(
        entry.timeBoundMs,
        version.unchangedUntilMs,
      );
      if (nowMs > entry.validUntilMs) return false;
    }
    return true;
  }
}

function sameInputs(
  kept: AssessmentInputs,
  given: AssessmentInputs | Pick<AssessmentInputs, 'entity'>,
): boolean {
  return (
    kept.entity === given.entity &&
    (!('drills' in given) ||
      (kept.drills === given.drills &&
        kept.failover === given.failover &&
        kept.waivers === given.waivers))
  );
}
