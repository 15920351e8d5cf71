import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CheckId, Waiver } from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { RecordChanges } from './RecordChanges';
import { WaiverStore } from './WaiverStore';
import { connectPluginDatabase, isoTime, queryChunks } from './pluginDatabase';

const table = 'reserve_waivers';
// Past waivers listed per entity unless told otherwise.
const defaultLimit = 50;

type Time = Date | string | number;

interface WaiverRow {
  id: string;
  entity_ref: string;
  check_id: string;
  cluster: string | null;
  reason: string;
  created_by: string;
  created_at: Time;
  expires_at: Time;
  revoked_by: string | null;
  revoked_at: Time | null;
  lapse_audited: boolean | number;
}

function toWaiver(row: WaiverRow): Waiver {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id as CheckId,
    ...(row.cluster !== null ? { cluster: row.cluster } : {}),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    expiresAt: isoTime(row.expires_at),
    ...(row.revoked_at !== null
      ? { revoked: { by: row.revoked_by ?? '', at: isoTime(row.revoked_at) } }
      : {}),
  };
}

// Neither revoked nor expired at `now`.
const inForceAt = (query: Knex.QueryBuilder, now: Date) =>
  query.whereNull('revoked_at').where('expires_at', '>', now);

/** Waivers in the plugin's database. */
export class DatabaseWaiverStore implements WaiverStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Told of every entity whose waivers this store writes. */
    changes?: RecordChanges;
  }): Promise<DatabaseWaiverStore> {
    return new DatabaseWaiverStore(
      await connectPluginDatabase(options),
      options.changes,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly changes?: RecordChanges,
  ) {}

  async createWaiver(waiver: Waiver, now: Date): Promise<void> {
    await this.db.transaction(async tx => {
      // Two instances creating the same waiver at once would both find none in force and both
      // insert: on PostgreSQL the check and the insert hold a lock on the entity's check until
      // the transaction ends (SQLite writes one transaction at a time anyway).
      if (this.db.client.config.client === 'pg') {
        await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          `reserve_waivers ${waiver.entityRef} ${waiver.checkId}`,
        ]);
      }
      const same: WaiverRow | undefined = await inForceAt(
        tx(table).where({
          entity_ref: waiver.entityRef,
          check_id: waiver.checkId,
          cluster: waiver.cluster ?? null,
        }),
        now,
      ).first();
      if (same) {
        const existing = toWaiver(same);
        throw new ConflictError(
          `${waiver.checkId}${
            waiver.cluster ? ` on ${waiver.cluster}` : ''
          } of ${waiver.entityRef} is already waived until ${
            existing.expiresAt
          } (by ${existing.createdBy}, waiver ${
            existing.id
          }): revoke that waiver first`,
        );
      }
      await tx(table).insert({
        id: waiver.id,
        entity_ref: waiver.entityRef,
        check_id: waiver.checkId,
        cluster: waiver.cluster ?? null,
        reason: waiver.reason,
        created_by: waiver.createdBy,
        created_at: new Date(waiver.createdAt),
        expires_at: new Date(waiver.expiresAt),
      });
    });
    this.changes?.written([waiver.entityRef]);
  }

  async getWaiver(id: string): Promise<Waiver | undefined> {
    const row: WaiverRow | undefined = await this.db(table)
      .where({ id })
      .first();
    return row ? toWaiver(row) : undefined;
  }

  async revokeWaiver(
    id: string,
    revoked: { by: string; at: string },
  ): Promise<Waiver | undefined> {
    const at = new Date(revoked.at);
    const updated = await inForceAt(this.db(table).where({ id }), at).update({
      revoked_by: revoked.by,
      revoked_at: at,
    });
    if (updated === 0) return undefined;
    const waiver = await this.getWaiver(id);
    if (waiver) this.changes?.written([waiver.entityRef]);
    return waiver;
  }

  async waiversInForce(
    entityRefs: readonly string[],
    now: Date,
  ): Promise<Map<string, Waiver[]>> {
    const byEntity = new Map<string, Waiver[]>();
    const refs = [...new Set(entityRefs)];
    for (const chunk of queryChunks(refs)) {
      const rows: WaiverRow[] = await inForceAt(
        this.db(table).whereIn('entity_ref', chunk),
        now,
      )
        .orderBy('expires_at', 'asc')
        .orderBy('id', 'asc');
      for (const row of rows) {
        const list = byEntity.get(row.entity_ref) ?? [];
        list.push(toWaiver(row));
        byEntity.set(row.entity_ref, list);
      }
    }
    return byEntity;
  }

  async pastWaivers(
    entityRef: string,
    now: Date,
    limit = defaultLimit,
  ): Promise<Waiver[]> {
    const rows: WaiverRow[] = await this.db(table)
      .where({ entity_ref: entityRef })
      .where(query =>
        query.whereNotNull('revoked_at').orWhere('expires_at', '<=', now),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toWaiver);
  }

  async takeLapsed(now: Date): Promise<Waiver[]> {
    const rows: WaiverRow[] = await this.db(table)
      .whereNull('revoked_at')
      .where('expires_at', '<=', now)
      .where({ lapse_audited: false })
      .orderBy('expires_at', 'asc')
      .limit(defaultLimit);
    const taken: Waiver[] = [];
    for (const row of rows) {
      // Only the instance whose update marks it takes it.
      const marked = await this.db(table)
        .where({ id: row.id, lapse_audited: false })
        .update({ lapse_audited: true });
      if (marked === 1) taken.push(toWaiver(row));
    }
    if (taken.length > 0) {
      this.changes?.written([...new Set(taken.map(w => w.entityRef))]);
    }
    return taken;
  }
}
