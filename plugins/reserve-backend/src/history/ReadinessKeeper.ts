import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  EntityReport,
  isJudgedOnCollectedClusters,
} from '@kube-reserve/plugin-reserve-common';
import { CatalogMirror } from '../catalog/CatalogMirror';
import {
  HistoryStore,
  ObservedState,
  stateDigest,
} from '../database/HistoryStore';
import { ReadinessService } from '../readiness/ReadinessService';
import { EntityKinds } from '../view/entityKinds';

/** The state history keeps of a report. */
export function observedState(report: EntityReport): ObservedState {
  return {
    entityRef: report.entityRef,
    at: report.generatedAt,
    verdict: report.verdict,
    score: report.score,
    checks: Object.fromEntries(
      report.checks.map(check => [check.id, check.state]),
    ),
  };
}

/**
 * Keeps every mirrored entity's report judged (re-judged when what it read changed, or time
 * alone may have changed it), so that requests and the team rollups find it ready, and
 * records each change of verdict, score or check states in history. Each backend instance
 * runs its own; the history store records a change once across them.
 */
export class ReadinessKeeper {
  // The digest of each entity's state as last recorded from this instance.
  private readonly recorded = new Map<string, string>();

  constructor(
    private readonly options: {
      readiness: Pick<ReadinessService, 'reportsFor'>;
      mirror: Pick<CatalogMirror, 'list' | 'trusted'>;
      kinds: EntityKinds;
      store: HistoryStore;
      logger: LoggerService;
      /** How often every entity's report is looked at. */
      frequencyMs: number;
      /** How long history rows are kept. */
      retentionMs: number;
      /**
       * Given the reports of each pass (those judged on collected clusters), after history
       * is recorded: the notifications look at them, without holding the pass up.
       */
      onJudged?: (reports: readonly EntityReport[]) => void;
      now?: () => Date;
    },
  ) {}

  /** Judges and records every `frequencyMs` on each instance; deletes old rows hourly, once. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { logger, frequencyMs } = this.options;
    await scheduler.scheduleTask({
      id: 'reserve-readiness-keeper',
      scope: 'local',
      frequency: { milliseconds: frequencyMs },
      timeout: { minutes: 10 },
      fn: async () => {
        try {
          await this.keep();
        } catch (error) {
          logger.warn(
            `Could not record readiness history: ${stringifyError(error)}`,
          );
        }
      },
    });
    await scheduler.scheduleTask({
      id: 'reserve-history-retention',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      fn: async () => {
        const deleted = await this.deleteExpired();
        if (deleted > 0) {
          logger.info(
            `Deleted ${deleted} readiness history rows past retention`,
          );
        }
      },
    });
  }

  /**
   * Judges every mirrored entity (a kept report serves while it holds) and records the
   * states that changed; returns how many entities were looked at and how many changes
   * were recorded.
   */
  async keep(): Promise<{ entities: number; recorded: number }> {
    const { mirror, kinds, readiness, store } = this.options;
    if (!mirror.trusted) return { entities: 0, recorded: 0 };
    const entities = mirror.list(kinds.names);
    const reports = await readiness.reportsFor(entities);
    const judged = reports.filter(isJudgedOnCollectedClusters);
    const changed = judged
      .map(observedState)
      .filter(
        state => this.recorded.get(state.entityRef) !== stateDigest(state),
      );
    const recorded =
      changed.length > 0 ? await store.recordChanges(changed) : [];
    // Also the states another instance recorded first: they are recorded all the same.
    changed.forEach(state =>
      this.recorded.set(state.entityRef, stateDigest(state)),
    );
    const current = new Set(reports.map(report => report.entityRef));
    for (const entityRef of this.recorded.keys()) {
      if (!current.has(entityRef)) this.recorded.delete(entityRef);
    }
    this.options.onJudged?.(judged);
    return { entities: entities.length, recorded: recorded.length };
  }

  /** Deletes the history rows older than the retention (each entity keeps its state then). */
  deleteExpired(): Promise<number> {
    const now = this.options.now?.() ?? new Date();
    return this.options.store.deleteOlderThan(
      new Date(now.getTime() - this.options.retentionMs),
    );
  }
}
