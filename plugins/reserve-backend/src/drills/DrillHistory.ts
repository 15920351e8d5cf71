import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { DrillStore } from '../database/DrillStore';
import { ReadinessService } from '../readiness/ReadinessService';
import { RestoreRecorder, restoreEntityMapper } from './RestoreRecorder';

/**
 * Keeps the drill history: after collections, every finished restore seen on a reserve of
 * the configured pairs is recorded for the catalog entities whose namespaces it restored.
 * Restore objects vanish with their backup and are never synced between clusters, so this
 * history is the only lasting record of a drill.
 */
export class DrillHistory {
  constructor(
    private readonly options: {
      auth: AuthService;
      catalog: CatalogService;
      readiness: ReadinessService;
      snapshots: ClusterSnapshots;
      /** The clusters whose restores count as drills: those configured as reserves. */
      reserves: string[];
      store: DrillStore;
      logger: LoggerService;
    },
  ) {}

  /** Runs {@link DrillHistory.recordOnce} on the refresh cadence. */
  async schedule(scheduler: SchedulerService, frequencyMs: number) {
    await scheduler.scheduleTask({
      id: 'reserve-record-drills',
      scope: 'local',
      frequency: { milliseconds: frequencyMs },
      timeout: { milliseconds: Math.max(frequencyMs, 60_000) },
      fn: async () => {
        await this.recordOnce();
      },
    });
  }

  /** Records the drills the reserves' current snapshots show; returns how many. */
  async recordOnce(): Promise<number> {
    const { auth, catalog, readiness, snapshots, store, logger } = this.options;
    const reserves = this.options.reserves.map(name =>
      snapshots.snapshot(name),
    );
    if (reserves.every(snapshot => snapshot.status.state === 'pending')) {
      return 0;
    }
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const entities = items.map(entity => ({
      entityRef: stringifyEntityRef(entity),
      namespaces: readiness.namespacesOf(entity),
    }));
    return new RestoreRecorder({
      store,
      entitiesOf: restoreEntityMapper(entities),
      logger,
    }).record(reserves);
  }
}
