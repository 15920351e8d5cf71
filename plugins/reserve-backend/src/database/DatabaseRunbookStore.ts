import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { connectPluginDatabase, isoTime } from './pluginDatabase';
import { RunbookStore, StoredRunbookTick } from './RunbookStore';

const table = 'reserve_runbook_ticks';

interface TickRow {
  entity_ref: string;
  runbook: string;
  item: string;
  ticked_by: string;
  ticked_at: Date | string | number;
  note: string | null;
  expires_at: Date | string | number;
}

function toTick(row: TickRow): StoredRunbookTick {
  return {
    entityRef: row.entity_ref,
    runbook: row.runbook,
    item: row.item,
    tickedBy: row.ticked_by,
    tickedAt: isoTime(row.ticked_at),
    ...(row.note !== null ? { note: row.note } : {}),
    expiresAt: isoTime(row.expires_at),
  };
}

/** Runbook ticks in the plugin's database. */
export class DatabaseRunbookStore implements RunbookStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseRunbookStore> {
    return new DatabaseRunbookStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  async tick(tick: StoredRunbookTick): Promise<void> {
    await this.db<TickRow>(table)
      .insert({
        entity_ref: tick.entityRef,
        runbook: tick.runbook,
        item: tick.item,
        ticked_by: tick.tickedBy,
        ticked_at: new Date(tick.tickedAt),
        note: tick.note ?? null,
        expires_at: new Date(tick.expiresAt),
      })
      .onConflict(['entity_ref', 'runbook', 'item'])
      .merge(['ticked_by', 'ticked_at', 'note', 'expires_at']);
  }

  async untick(
    entityRef: string,
    runbook: string,
    item: string,
  ): Promise<boolean> {
    const deleted = await this.db<TickRow>(table)
      .where({ entity_ref: entityRef, runbook, item })
      .delete();
    return deleted > 0;
  }

  async listTicks(entityRef: string): Promise<StoredRunbookTick[]> {
    const rows = await this.db<TickRow>(table)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'runbook', order: 'asc' },
        { column: 'item', order: 'asc' },
      ]);
    return rows.map(toTick);
  }
}
