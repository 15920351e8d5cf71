import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CheckId,
  CheckState,
  ReadinessChange,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { HistoryStore, ObservedState, stateDigest } from './HistoryStore';
import { connectPluginDatabase, isoTime, queryChunks } from './pluginDatabase';

const states = 'reserve_readiness_states';
const history = 'reserve_readiness_history';

interface HistoryRow {
  id: number | string;
  entity_ref: string;
  at: Date | string | number;
  verdict: string;
  score: number;
  checks: string;
}

function toChange(row: HistoryRow): ReadinessChange {
  return {
    at: isoTime(row.at),
    verdict: row.verdict as Verdict,
    score: Number(row.score),
    checks: JSON.parse(row.checks) as Partial<Record<CheckId, CheckState>>,
  };
}

/** Readiness history in the plugin's database. */
export class DatabaseHistoryStore implements HistoryStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseHistoryStore> {
    return new DatabaseHistoryStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  async recordChanges(observed: readonly ObservedState[]): Promise<string[]> {
    const recorded: string[] = [];
    for (const batch of queryChunks(observed)) {
      await this.db.transaction(async trx => {
        const refs = batch.map(state => state.entityRef);
        // Every entity gets its state row first, so that the rows can be locked: two
        // instances recording the same change then wait for each other, and the second
        // finds the digest already recorded.
        await trx(states)
          .insert(refs.map(entity_ref => ({ entity_ref, digest: '' })))
          .onConflict('entity_ref')
          .ignore();
        let query = trx(states)
          .select('entity_ref', 'digest')
          .whereIn('entity_ref', refs);
        if (this.db.client.config.client === 'pg') query = query.forUpdate();
        const digests = new Map(
          (await query).map((row: { entity_ref: string; digest: string }) => [
            row.entity_ref,
            row.digest,
          ]),
        );
        const changed = batch.filter(
          state => digests.get(state.entityRef) !== stateDigest(state),
        );
        if (changed.length === 0) return;
        for (const state of changed) {
          await trx(states)
            .where('entity_ref', state.entityRef)
            .update({ digest: stateDigest(state), at: new Date(state.at) });
        }
        await trx(history).insert(
          changed.map(state => ({
            entity_ref: state.entityRef,
            at: new Date(state.at),
            verdict: state.verdict,
            score: state.score,
            checks: JSON.stringify(state.checks),
          })),
        );
        recorded.push(...changed.map(state => state.entityRef));
      });
    }
    return recorded;
  }

  async listChanges(
    entityRef: string,
    since: Date,
  ): Promise<ReadinessChange[]> {
    const [before] = await this.db<HistoryRow>(history)
      .where('entity_ref', entityRef)
      .andWhere('at', '<', since)
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(1);
    const within = await this.db<HistoryRow>(history)
      .where('entity_ref', entityRef)
      .andWhere('at', '>=', since)
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return [...(before ? [before] : []), ...within].map(toChange);
  }

  async notReadySince(
    entityRef: string,
  ): Promise<{ since: string; complete: boolean } | undefined> {
    const newest = () =>
      this.db<HistoryRow>(history)
        .where('entity_ref', entityRef)
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first();
    const latest = await newest();
    if (!latest || latest.verdict === 'ready') return undefined;
    const lastReady = await newest().andWhere('verdict', 'ready');
    const firstNotReady = await this.db<HistoryRow>(history)
      .where('entity_ref', entityRef)
      .modify(query => {
        if (lastReady) query.andWhere('id', '>', lastReady.id);
      })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .first();
    return {
      since: isoTime((firstNotReady ?? latest).at),
      complete: Boolean(lastReady),
    };
  }

  async statesAt(
    entityRefs: readonly string[],
    at: Date,
  ): Promise<Map<string, ReadinessChange>> {
    const result = new Map<string, ReadinessChange>();
    for (const refs of queryChunks(entityRefs)) {
      // Per entity, its newest row at or before `at`: the state in force then.
      const inForce = await this.db<HistoryRow>(history)
        .whereIn('entity_ref', refs)
        .whereIn(
          'id',
          this.db(history)
            .max('id')
            .whereIn('entity_ref', refs)
            .andWhere('at', '<=', at)
            .groupBy('entity_ref'),
        );
      inForce.forEach(row => result.set(row.entity_ref, toChange(row)));
      const later = refs.filter(ref => !result.has(ref));
      if (later.length === 0) continue;
      // Else its first row: the entity was first judged after `at`.
      const first = await this.db<HistoryRow>(history).whereIn(
        'id',
        this.db(history)
          .min('id')
          .whereIn('entity_ref', later)
          .groupBy('entity_ref'),
      );
      first.forEach(row => result.set(row.entity_ref, toChange(row)));
    }
    return result;
  }

  async deleteOlderThan(before: Date): Promise<number> {
    // Each entity keeps its newest row older than `before`: the state in force since then.
    return this.db(history)
      .where('at', '<', before)
      .whereExists(function newerBefore() {
        this.select(1)
          .from({ newer: history })
          .whereRaw('newer.entity_ref = ??', [`${history}.entity_ref`])
          .andWhere('newer.at', '<', before)
          .andWhereRaw('newer.id > ??', [`${history}.id`]);
      })
      .delete();
  }
}
