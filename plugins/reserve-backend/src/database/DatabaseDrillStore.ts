import { DatabaseService } from '@backstage/backend-plugin-api';
import { DrillRecord } from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { DrillStore } from './DrillStore';
import { RecordChanges } from './RecordChanges';
import { connectPluginDatabase, isoTime, queryChunks } from './pluginDatabase';

const table = 'reserve_drills';

// Drills kept per entity in a listing unless told otherwise.
const defaultLimit = 100;

interface DrillRow {
  entity_ref: string;
  cluster: string;
  restore_name: string;
  backup_name: string;
  namespace_mapping: string;
  phase: string;
  started_at: Date | string | number | null;
  completed_at: Date | string | number | null;
  duration_ms: number | string | null;
  recorded_at: Date | string | number;
}

function toRecord(row: DrillRow): DrillRecord {
  return {
    entityRef: row.entity_ref,
    cluster: row.cluster,
    restoreName: row.restore_name,
    backupName: row.backup_name,
    namespaceMapping: JSON.parse(row.namespace_mapping),
    phase: row.phase,
    ...(row.started_at !== null ? { startedAt: isoTime(row.started_at) } : {}),
    ...(row.completed_at !== null
      ? { completedAt: isoTime(row.completed_at) }
      : {}),
    // PostgreSQL returns bigint columns as strings.
    ...(row.duration_ms !== null
      ? { durationMs: Number(row.duration_ms) }
      : {}),
    recordedAt: isoTime(row.recorded_at),
  };
}

/** The drill history in the plugin's database. */
export class DatabaseDrillStore implements DrillStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Told of every entity whose records this store writes. */
    changes?: RecordChanges;
  }): Promise<DatabaseDrillStore> {
    return new DatabaseDrillStore(
      await connectPluginDatabase(options),
      options.changes,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly changes?: RecordChanges,
  ) {}

  async recordDrills(drills: readonly DrillRecord[]): Promise<void> {
    if (drills.length === 0) return;
    const recordedAt = new Date();
    // PostgreSQL refuses to upsert one key twice in a statement: the last sighting wins.
    const unique = new Map(
      drills.map(d => [`${d.entityRef}\n${d.cluster}\n${d.restoreName}`, d]),
    );
    const rows = [...unique.values()].map(drill => ({
      entity_ref: drill.entityRef,
      cluster: drill.cluster,
      restore_name: drill.restoreName,
      backup_name: drill.backupName,
      namespace_mapping: JSON.stringify(drill.namespaceMapping),
      phase: drill.phase,
      started_at: drill.startedAt ? new Date(drill.startedAt) : null,
      completed_at: drill.completedAt ? new Date(drill.completedAt) : null,
      duration_ms: drill.durationMs ?? null,
      recorded_at: recordedAt,
    }));
    // recorded_at keeps its first value: it says when Kube Reserve first saw the drill.
    await this.db(table)
      .insert(rows)
      .onConflict(['entity_ref', 'cluster', 'restore_name'])
      .merge([
        'backup_name',
        'namespace_mapping',
        'phase',
        'started_at',
        'completed_at',
        'duration_ms',
      ]);
    this.changes?.written([...new Set(rows.map(row => row.entity_ref))]);
  }

  async listDrills(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<DrillRecord[]> {
    const rows: DrillRow[] = await this.newestFirst()
      .where({ entity_ref: entityRef })
      .limit(options.limit ?? defaultLimit);
    return rows.map(toRecord);
  }

  async listDrillsByEntity(
    entityRefs: readonly string[],
    options: { limit?: number } = {},
  ): Promise<Map<string, DrillRecord[]>> {
    const limit = options.limit ?? defaultLimit;
    const byEntity = new Map<string, DrillRecord[]>(
      entityRefs.map(ref => [ref, []]),
    );
    const refs = [...byEntity.keys()];
    for (const chunk of queryChunks(refs)) {
      const rows: DrillRow[] = await this.newestFirst().whereIn(
        'entity_ref',
        chunk,
      );
      for (const row of rows) {
        const drills = byEntity.get(row.entity_ref)!;
        if (drills.length < limit) drills.push(toRecord(row));
      }
    }
    return byEntity;
  }

  private newestFirst() {
    return this.db<DrillRow>(table)
      .orderByRaw('coalesce(completed_at, started_at, recorded_at) desc')
      .orderBy('id', 'desc');
  }
}
