import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  FailoverState,
  SkippedStep,
} from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { FailoverEnd, FailoverStore, StoredFailover } from './FailoverStore';
import { RecordChanges } from './RecordChanges';
import {
  connectPluginDatabase,
  isUniqueViolation,
  isoTime,
  queryChunks,
} from './pluginDatabase';

const table = 'reserve_failovers';
// Failovers listed per entity unless told otherwise.
const defaultLimit = 50;

interface FailoverRow {
  id: number | string;
  entity_ref: string;
  serving_cluster: string;
  former_primary: string;
  since: Date | string | number;
  failed_over_by: string;
  execution_id: string | null;
  note: string | null;
  pending_on_former_primary: string;
  ended_at: Date | string | number | null;
  ended_by: string | null;
  ended_execution_id: string | null;
}

function toState(row: FailoverRow): FailoverState {
  return {
    servingCluster: row.serving_cluster,
    formerPrimary: row.former_primary,
    since: isoTime(row.since),
    by: row.failed_over_by,
    ...(row.execution_id !== null ? { executionId: row.execution_id } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    pendingOnFormerPrimary: JSON.parse(
      row.pending_on_former_primary,
    ) as SkippedStep[],
  };
}

function toStored(row: FailoverRow): StoredFailover {
  return {
    entityRef: row.entity_ref,
    ...toState(row),
    ...(row.ended_at !== null
      ? {
          ended: {
            at: isoTime(row.ended_at),
            by: row.ended_by ?? '',
            ...(row.ended_execution_id !== null
              ? { executionId: row.ended_execution_id }
              : {}),
          },
        }
      : {}),
  };
}

/** Failovers in the plugin's database. */
export class DatabaseFailoverStore implements FailoverStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Told of every entity whose records this store writes. */
    changes?: RecordChanges;
  }): Promise<DatabaseFailoverStore> {
    return new DatabaseFailoverStore(
      await connectPluginDatabase(options),
      options.changes,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly changes?: RecordChanges,
  ) {}

  async recordFailover(
    entityRef: string,
    failover: FailoverState,
  ): Promise<void> {
    try {
      await this.db(table).insert({
        entity_ref: entityRef,
        in_force_key: entityRef,
        serving_cluster: failover.servingCluster,
        former_primary: failover.formerPrimary,
        since: new Date(failover.since),
        failed_over_by: failover.by,
        execution_id: failover.executionId ?? null,
        note: failover.note ?? null,
        pending_on_former_primary: JSON.stringify(
          failover.pendingOnFormerPrimary,
        ),
      });
      this.changes?.written([entityRef]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const current = await this.getFailover(entityRef);
      throw new ConflictError(
        `${entityRef} is already failed over${
          current
            ? ` to ${current.servingCluster} since ${current.since} (by ${current.by})`
            : ''
        }: fail back first`,
      );
    }
  }

  async endFailover(
    entityRef: string,
    end: FailoverEnd,
  ): Promise<StoredFailover | undefined> {
    const stored = await this.db.transaction(async tx => {
      const row: FailoverRow | undefined = await tx(table)
        .where({ in_force_key: entityRef })
        .first();
      if (!row) return undefined;
      const ended = await tx(table)
        .where({ id: row.id, in_force_key: entityRef })
        .update({
          in_force_key: null,
          ended_at: new Date(end.at),
          ended_by: end.by,
          ended_execution_id: end.executionId ?? null,
        });
      // Another instance ended it between the read and the write.
      if (ended === 0) return undefined;
      return toStored({
        ...row,
        ended_at: end.at,
        ended_by: end.by,
        ended_execution_id: end.executionId ?? null,
      });
    });
    if (stored) this.changes?.written([entityRef]);
    return stored;
  }

  async getFailover(entityRef: string): Promise<FailoverState | undefined> {
    const row: FailoverRow | undefined = await this.db(table)
      .where({ in_force_key: entityRef })
      .first();
    return row ? toState(row) : undefined;
  }

  async failoversInForce(
    entityRefs: readonly string[],
  ): Promise<Map<string, FailoverState>> {
    const byEntity = new Map<string, FailoverState>();
    const refs = [...new Set(entityRefs)];
    for (const chunk of queryChunks(refs)) {
      const rows: FailoverRow[] = await this.db(table).whereIn(
        'in_force_key',
        chunk,
      );
      rows.forEach(row => byEntity.set(row.entity_ref, toState(row)));
    }
    return byEntity;
  }

  async listFailovers(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<StoredFailover[]> {
    const rows: FailoverRow[] = await this.db(table)
      .where({ entity_ref: entityRef })
      .orderBy('since', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? defaultLimit);
    return rows.map(toStored);
  }
}
