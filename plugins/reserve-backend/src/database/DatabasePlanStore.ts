import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ActionPlan,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { PlanLimits, PlanStore } from './PlanStore';
import { connectPluginDatabase, isoTime } from './pluginDatabase';

interface PlanRow {
  id: string;
  entity_ref: string;
  action: string;
  options: string;
  primary_cluster: string | null;
  reserve_cluster: string | null;
  steps: string;
  warnings: string;
  skipped: string;
  fingerprint: string;
  created_by: string;
  created_at: Date | string | number;
}

function toPlan(row: PlanRow): ActionPlan {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    action: row.action as ReserveActionId,
    options: JSON.parse(row.options),
    ...(row.primary_cluster ? { primary: row.primary_cluster } : {}),
    ...(row.reserve_cluster ? { reserve: row.reserve_cluster } : {}),
    steps: JSON.parse(row.steps),
    warnings: JSON.parse(row.warnings),
    skipped: JSON.parse(row.skipped),
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    fingerprint: JSON.parse(row.fingerprint),
  };
}

/** Action plans in the plugin's database. */
export class DatabasePlanStore implements PlanStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabasePlanStore> {
    return new DatabasePlanStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  async savePlan(plan: ActionPlan, limits?: PlanLimits): Promise<void> {
    await this.db.transaction(async tx => {
      await this.insertPlan(tx, plan);
      if (limits) await this.prune(tx, plan, limits);
    });
  }

  // A plan an execution references is its record: it counts towards `keep` and stays.
  private async prune(
    tx: Knex.Transaction,
    plan: ActionPlan,
    limits: PlanLimits,
  ): Promise<void> {
    const executed = (query: Knex.QueryBuilder) =>
      query.whereExists(
        tx('reserve_executions')
          .select('id')
          .whereRaw('reserve_executions.plan_id = reserve_plans.id'),
      );
    const unexecuted = (query: Knex.QueryBuilder) =>
      query.whereNotExists(
        tx('reserve_executions')
          .select('id')
          .whereRaw('reserve_executions.plan_id = reserve_plans.id'),
      );
    const [{ count }] = await executed(
      tx('reserve_plans').where({ entity_ref: plan.entityRef }),
    ).count({ count: '*' });
    const room = Math.max(limits.keep - Number(count), 1);
    const newest: Array<{ id: string }> = await unexecuted(
      tx('reserve_plans').where({ entity_ref: plan.entityRef }),
    )
      .where('created_at', '>=', limits.expiredBefore)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(room)
      .select('id');
    await unexecuted(tx('reserve_plans').where({ entity_ref: plan.entityRef }))
      .whereNotIn('id', [plan.id, ...newest.map(row => row.id)])
      .delete();
  }

  private async insertPlan(db: Knex, plan: ActionPlan): Promise<void> {
    await db('reserve_plans').insert({
      id: plan.id,
      entity_ref: plan.entityRef,
      action: plan.action,
      options: JSON.stringify(plan.options),
      primary_cluster: plan.primary ?? null,
      reserve_cluster: plan.reserve ?? null,
      steps: JSON.stringify(plan.steps),
      warnings: JSON.stringify(plan.warnings),
      skipped: JSON.stringify(plan.skipped),
      fingerprint: JSON.stringify(plan.fingerprint),
      created_by: plan.createdBy,
      created_at: new Date(plan.createdAt),
    });
  }

  async getPlan(id: string): Promise<ActionPlan | undefined> {
    const row: PlanRow | undefined = await this.db('reserve_plans')
      .where({ id })
      .first();
    return row ? toPlan(row) : undefined;
  }

  async lastSucceededPlan(
    entityRef: string,
    action: ReserveActionId,
    reserve?: string,
  ): Promise<ActionPlan | undefined> {
    const query = this.db('reserve_plans as p')
      .join('reserve_executions as e', 'e.plan_id', 'p.id')
      .where({
        'p.entity_ref': entityRef,
        'p.action': action,
        'e.state': 'succeeded',
      })
      .orderBy('e.finished_at', 'desc')
      .select('p.*')
      .first();
    if (reserve) query.andWhere('p.reserve_cluster', reserve);
    const row: PlanRow | undefined = await query;
    return row ? toPlan(row) : undefined;
  }
}
