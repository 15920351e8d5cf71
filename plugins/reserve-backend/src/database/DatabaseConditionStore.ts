import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  ConditionChange,
  ConditionLevel,
  ConditionStore,
} from './ConditionStore';
import { connectPluginDatabase, isoTime, queryChunks } from './pluginDatabase';

const table = 'reserve_notification_conditions';

interface ConditionRow {
  entity_ref: string;
  condition: string;
  level: number | null;
  observed_at: Date | string | number;
}

const key = (entityRef: string, condition: string) =>
  `${entityRef}\n${condition}`;

/** Notified conditions' levels in the plugin's database. */
export class DatabaseConditionStore implements ConditionStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseConditionStore> {
    return new DatabaseConditionStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  async observe(levels: readonly ConditionLevel[]): Promise<ConditionChange[]> {
    const changes: ConditionChange[] = [];
    for (const batch of queryChunks(levels)) {
      await this.db.transaction(async trx => {
        // Every condition gets its row first, so that the rows can be locked: two instances
        // observing the same change then wait for each other, and the second finds it stored.
        await trx(table)
          .insert(
            batch.map(({ entityRef, condition, at }) => ({
              entity_ref: entityRef,
              condition,
              level: null,
              observed_at: at,
            })),
          )
          .onConflict(['entity_ref', 'condition'])
          .ignore();
        let query = trx<ConditionRow>(table)
          .select('entity_ref', 'condition', 'level', 'observed_at')
          .whereIn('entity_ref', [...new Set(batch.map(l => l.entityRef))]);
        if (this.db.client.config.client === 'pg') query = query.forUpdate();
        const stored = new Map(
          (await query).map(row => [
            key(row.entity_ref, row.condition),
            {
              level: row.level === null ? undefined : Number(row.level),
              at: Date.parse(isoTime(row.observed_at)),
            },
          ]),
        );
        for (const observed of batch) {
          const row = stored.get(key(observed.entityRef, observed.condition));
          if (!row || row.at > observed.at.getTime()) continue;
          if (row.level === observed.level) continue;
          await trx(table)
            .where({
              entity_ref: observed.entityRef,
              condition: observed.condition,
            })
            .update({ level: observed.level, observed_at: observed.at });
          changes.push({ ...observed, previous: row.level });
        }
      });
    }
    return changes;
  }

  async revert(change: ConditionChange): Promise<void> {
    await this.db(table)
      .where({
        entity_ref: change.entityRef,
        condition: change.condition,
        level: change.level,
      })
      .update({ level: change.previous ?? null });
  }
}
