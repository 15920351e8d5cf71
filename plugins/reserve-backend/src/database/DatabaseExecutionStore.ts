import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ActionExecution,
  ActionPlan,
  ExecutionState,
  ExecutionStep,
  ExecutionStepState,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import {
  ExecutionRun,
  ExecutionStore,
  ExecutionTakenError,
  StepUpdate,
} from './ExecutionStore';
import {
  connectPluginDatabase,
  isUniqueViolation,
  isoTime,
} from './pluginDatabase';

interface ExecutionRow {
  id: string;
  plan_id: string;
  entity_ref: string;
  action: string;
  state: string;
  started_by: string;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  message: string | null;
}

interface StepRow {
  execution_id: string;
  step_index: number;
  title: string;
  state: string;
  output: string | null;
  result: string | null;
  started_at: Date | string | number | null;
  finished_at: Date | string | number | null;
}

function toStep(row: StepRow): ExecutionStep {
  return {
    index: Number(row.step_index),
    title: row.title,
    state: row.state as ExecutionStepState,
    ...(row.output !== null ? { output: row.output } : {}),
    ...(row.started_at !== null ? { startedAt: isoTime(row.started_at) } : {}),
    ...(row.finished_at !== null
      ? { finishedAt: isoTime(row.finished_at) }
      : {}),
  };
}

function toExecution(row: ExecutionRow, steps: StepRow[]): ActionExecution {
  return {
    id: row.id,
    planId: row.plan_id,
    entityRef: row.entity_ref,
    action: row.action as ReserveActionId,
    state: row.state as ExecutionState,
    startedBy: row.started_by,
    startedAt: isoTime(row.started_at),
    ...(row.finished_at !== null
      ? { finishedAt: isoTime(row.finished_at) }
      : {}),
    ...(row.message !== null ? { message: row.message } : {}),
    steps: steps
      .sort((a, b) => Number(a.step_index) - Number(b.step_index))
      .map(toStep),
  };
}

// The run's runner still holds the execution: it is running, and no one took it over.
function heldBy(run: ExecutionRun) {
  return { id: run.executionId, state: 'running', runner: run.runner };
}

/** Executions in the plugin's database. */
export class DatabaseExecutionStore implements ExecutionStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseExecutionStore> {
    return new DatabaseExecutionStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  private async lockConflict(entityRef: string): Promise<ConflictError> {
    const running = await this.db('reserve_executions')
      .where({ lock_key: entityRef })
      .first();
    return new ConflictError(
      `Another action runs on ${entityRef}${
        running ? ` (execution ${running.id}, ${running.action})` : ''
      }: wait until it ends`,
    );
  }

  async startExecution(input: {
    id: string;
    plan: ActionPlan;
    startedBy: string;
    startedAt: string;
    runner: string;
  }): Promise<ActionExecution> {
    const { id, plan, startedBy, startedAt, runner } = input;
    try {
      await this.db.transaction(async tx => {
        await tx('reserve_executions').insert({
          id,
          plan_id: plan.id,
          entity_ref: plan.entityRef,
          action: plan.action,
          state: 'running',
          lock_key: plan.entityRef,
          started_by: startedBy,
          started_at: new Date(startedAt),
          runner,
          heartbeat_at: new Date(),
        });
        if (plan.steps.length > 0) {
          await tx('reserve_execution_steps').insert(
            plan.steps.map(step => ({
              execution_id: id,
              step_index: step.index,
              title: step.title,
              state: 'pending',
            })),
          );
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const ran = await this.executionOfPlan(plan.id);
      if (ran) {
        throw new ConflictError(
          `Plan ${plan.id} already ran as execution ${ran.id} (${ran.state}): resume that execution or plan again`,
        );
      }
      throw await this.lockConflict(plan.entityRef);
    }
    return (await this.getExecution(id))!;
  }

  async resumeExecution(
    id: string,
    entityRef: string,
    runner: string,
  ): Promise<void> {
    try {
      const updated = await this.db('reserve_executions')
        .where({ id })
        .whereIn('state', ['failed', 'interrupted'])
        .update({
          state: 'running',
          lock_key: entityRef,
          finished_at: null,
          message: null,
          runner,
          heartbeat_at: new Date(),
        });
      if (updated === 0) {
        // The claim is this one conditional update: of two instances resuming at once, the
        // second finds the execution running (PostgreSQL re-reads the row once the first
        // commits) and gets this answer.
        const row: ExecutionRow | undefined = await this.db(
          'reserve_executions',
        )
          .where({ id })
          .first();
        throw new ConflictError(
          row?.state === 'running'
            ? `Execution ${id} is already running: another request resumed it first`
            : `Execution ${id} is not failed or interrupted: nothing to resume`,
        );
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw await this.lockConflict(entityRef);
    }
  }

  async finishExecution(
    run: ExecutionRun,
    state: Exclude<ExecutionState, 'running'>,
    message?: string,
    finishedAt?: string,
  ): Promise<void> {
    const updated = await this.db('reserve_executions')
      .where(heldBy(run))
      .update({
        state,
        lock_key: null,
        finished_at: finishedAt ? new Date(finishedAt) : new Date(),
        message: message ?? null,
      });
    if (updated === 0) throw new ExecutionTakenError(run);
  }

  async discardExecution(id: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('reserve_execution_steps').where({ execution_id: id }).delete();
      await tx('reserve_executions').where({ id }).delete();
    });
  }

  async updateStep(
    run: ExecutionRun,
    index: number,
    update: StepUpdate,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // Writing the heartbeat first locks the execution's row (PostgreSQL) until the step is
      // stored, so a sweep interrupting the execution comes entirely before or after it.
      if (!(await this.beat(tx, run))) throw new ExecutionTakenError(run);
      await tx('reserve_execution_steps')
        .where({ execution_id: run.executionId, step_index: index })
        .update({
          state: update.state,
          ...(update.output !== undefined ? { output: update.output } : {}),
          ...(update.result !== undefined
            ? { result: JSON.stringify(update.result) }
            : {}),
          ...(update.startedAt !== undefined
            ? { started_at: new Date(update.startedAt) }
            : {}),
          ...(update.finishedAt !== undefined
            ? { finished_at: new Date(update.finishedAt) }
            : {}),
        });
    });
  }

  async heartbeat(run: ExecutionRun): Promise<boolean> {
    return this.beat(this.db, run);
  }

  private async beat(db: Knex, run: ExecutionRun): Promise<boolean> {
    const updated = await db('reserve_executions')
      .where(heldBy(run))
      .update({ heartbeat_at: new Date() });
    return updated > 0;
  }

  async stepResult(executionId: string, index: number): Promise<unknown> {
    const row: StepRow | undefined = await this.db('reserve_execution_steps')
      .where({ execution_id: executionId, step_index: index })
      .first();
    return row?.result ? JSON.parse(row.result) : undefined;
  }

  async getExecution(id: string): Promise<ActionExecution | undefined> {
    const row: ExecutionRow | undefined = await this.db('reserve_executions')
      .where({ id })
      .first();
    if (!row) return undefined;
    const steps: StepRow[] = await this.db('reserve_execution_steps').where({
      execution_id: id,
    });
    return toExecution(row, steps);
  }

  async executionOfPlan(planId: string): Promise<ActionExecution | undefined> {
    const row: ExecutionRow | undefined = await this.db('reserve_executions')
      .where({ plan_id: planId })
      .first();
    return row ? this.getExecution(row.id) : undefined;
  }

  async listExecutions(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<ActionExecution[]> {
    const rows: ExecutionRow[] = await this.db('reserve_executions')
      .where({ entity_ref: entityRef })
      .orderBy('started_at', 'desc')
      .limit(options.limit ?? 50);
    if (rows.length === 0) return [];
    const steps: StepRow[] = await this.db('reserve_execution_steps').whereIn(
      'execution_id',
      rows.map(r => r.id),
    );
    return rows.map(row =>
      toExecution(
        row,
        steps.filter(s => s.execution_id === row.id),
      ),
    );
  }

  async interruptAbandoned(input: {
    message: string;
    heartbeatBefore: Date;
    exceptExecutions?: readonly string[];
  }): Promise<string[]> {
    const { message, heartbeatBefore, exceptExecutions = [] } = input;
    return this.db.transaction(async tx => {
      // FOR UPDATE (PostgreSQL; SQLite runs one writer at a time anyway) waits for a runner's
      // write in progress and re-reads the row: a heartbeat that just arrived saves the run.
      const abandoned = tx('reserve_executions')
        .where({ state: 'running' })
        .where(q =>
          q
            .whereNull('heartbeat_at')
            .orWhere('heartbeat_at', '<', heartbeatBefore),
        );
      if (exceptExecutions.length > 0) {
        abandoned.whereNotIn('id', exceptExecutions);
      }
      const rows: Array<{ id: string }> = await abandoned
        .select('id')
        .forUpdate();
      const ids = rows.map(r => r.id);
      if (ids.length === 0) return [];
      await tx('reserve_execution_steps')
        .whereIn('execution_id', ids)
        .where({ state: 'running' })
        .update({
          state: 'pending',
          output:
            'Interrupted when its backend instance stopped: runs again on resume.',
          started_at: null,
        });
      await tx('reserve_executions').whereIn('id', ids).update({
        state: 'interrupted',
        lock_key: null,
        finished_at: new Date(),
        message,
      });
      return ids;
    });
  }
}
