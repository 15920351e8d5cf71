import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseExecutionStore } from './DatabaseExecutionStore';
import { DatabasePlanStore } from './DatabasePlanStore';
import { ExecutionRun, ExecutionTakenError } from './ExecutionStore';

jest.setTimeout(60_000);

// Two backend instances sharing the database.
const instanceA = 'aaaaaaaa-0000-4000-8000-000000000000';
const instanceB = 'bbbbbbbb-0000-4000-8000-000000000000';
const secondsFromNow = (seconds: number) =>
  new Date(Date.now() + seconds * 1000);

let counter = 0;
const uuid = () =>
  `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const plan = (overrides: Partial<ActionPlan> = {}): ActionPlan => ({
  id: uuid(),
  entityRef: 'component:default/shop',
  action: 'failover',
  options: { scaleDownPrimary: false },
  primary: 'prod',
  reserve: 'spare',
  steps: [
    {
      index: 0,
      kind: 'patch',
      title: 'Scale Deployment shop/shop on spare from 4 to 6',
      cluster: 'spare',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
      },
      before: { spec: { replicas: 4 } },
      after: { spec: { replicas: 6 } },
    },
    {
      index: 1,
      kind: 'patch',
      title: 'Suspend CronJob shop/reminder on prod',
      cluster: 'prod',
      object: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        namespace: 'shop',
        name: 'reminder',
      },
      before: { spec: { suspend: false } },
      after: { spec: { suspend: true } },
    },
  ],
  warnings: ['a warning'],
  skipped: [],
  createdBy: 'user:default/owner',
  createdAt: '2026-11-22T10:00:00.000Z',
  fingerprint: [
    {
      cluster: 'spare',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
      },
      resourceVersion: '42',
      observed: { spec: { replicas: 4 } },
      expected: { spec: { replicas: 6 } },
    },
  ],
  ...overrides,
});

describe('DatabasePlanStore and DatabaseExecutionStore', () => {
  const databases = storeDatabases();

  async function createStores(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = { getClient: async () => knex };
    const plans = await DatabasePlanStore.create({ database });
    const executions = await DatabaseExecutionStore.create({ database });
    return { knex, plans, executions };
  }

  async function started(databaseId: TestDatabaseId, overrides = {}) {
    const stores = await createStores(databaseId);
    const stored = plan(overrides);
    await stores.plans.savePlan(stored);
    const execution = await stores.executions.startExecution({
      id: uuid(),
      plan: stored,
      startedBy: 'user:default/owner',
      startedAt: '2026-11-22T10:01:00.000Z',
      runner: instanceA,
    });
    const runOf = (runner: string): ExecutionRun => ({
      executionId: execution.id,
      runner,
    });
    return { ...stores, plan: stored, execution, runOf };
  }

  it.each(databases.eachSupportedId())(
    'starts an execution with every step pending and records each step before and after it runs, %p',
    async databaseId => {
      const { executions, execution, runOf } = await started(databaseId);
      const run = runOf(instanceA);
      expect(execution).toMatchObject({
        state: 'running',
        startedBy: 'user:default/owner',
        steps: [
          { index: 0, state: 'pending' },
          { index: 1, state: 'pending' },
        ],
      });
      await executions.updateStep(run, 0, {
        state: 'running',
        startedAt: '2026-11-22T10:01:01.000Z',
      });
      await executions.updateStep(run, 0, {
        state: 'succeeded',
        output: 'Patched',
        result: { availableAt: 'x' },
        finishedAt: '2026-11-22T10:01:02.000Z',
      });
      await executions.finishExecution(run, 'succeeded', 'done');
      const stored = await executions.getExecution(execution.id);
      expect(stored).toMatchObject({
        state: 'succeeded',
        message: 'done',
        steps: [
          {
            index: 0,
            state: 'succeeded',
            output: 'Patched',
            startedAt: '2026-11-22T10:01:01.000Z',
            finishedAt: '2026-11-22T10:01:02.000Z',
          },
          { index: 1, state: 'pending' },
        ],
      });
      expect(await executions.stepResult(execution.id, 0)).toEqual({
        availableAt: 'x',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lets one execution per entity run at a time, in the database, %p',
    async databaseId => {
      const { plans, executions, runOf } = await started(databaseId);
      const second = plan();
      await plans.savePlan(second);
      const start = () =>
        executions.startExecution({
          id: uuid(),
          plan: second,
          startedBy: 'user:default/other',
          startedAt: '2026-11-22T10:02:00.000Z',
          runner: instanceB,
        });
      await expect(start()).rejects.toThrow(ConflictError);
      await expect(start()).rejects.toThrow(
        /Another action runs on component:default\/shop/,
      );
      const elsewhere = plan({ entityRef: 'component:default/cart' });
      await plans.savePlan(elsewhere);
      await expect(
        executions.startExecution({
          id: uuid(),
          plan: elsewhere,
          startedBy: 'user:default/other',
          startedAt: '2026-11-22T10:02:00.000Z',
          runner: instanceB,
        }),
      ).resolves.toMatchObject({ state: 'running' });
      await executions.finishExecution(runOf(instanceA), 'failed', 'boom');
      await expect(start()).resolves.toMatchObject({ state: 'running' });
    },
  );

  it.each(databases.eachSupportedId())(
    'runs a plan once: a second execution of it is a conflict, %p',
    async databaseId => {
      const {
        executions,
        plan: stored,
        execution,
        runOf,
      } = await started(databaseId);
      await executions.finishExecution(runOf(instanceA), 'succeeded');
      await expect(
        executions.startExecution({
          id: uuid(),
          plan: stored,
          startedBy: 'user:default/owner',
          startedAt: '2026-11-22T10:03:00.000Z',
          runner: instanceA,
        }),
      ).rejects.toThrow(
        `Plan ${stored.id} already ran as execution ${execution.id}`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "leaves a live runner's execution running when another instance sweeps, %p",
    async databaseId => {
      const { executions, execution, runOf } = await started(databaseId);
      expect(await executions.heartbeat(runOf(instanceA))).toBe(true);
      // Instance B starts: A's heartbeat is seconds old, not 30.
      expect(
        await executions.interruptAbandoned({
          message: 'gone',
          heartbeatBefore: secondsFromNow(-30),
        }),
      ).toEqual([]);
      // However late the heartbeat, an instance never sweeps the runs it is running.
      expect(
        await executions.interruptAbandoned({
          message: 'gone',
          heartbeatBefore: secondsFromNow(60),
          exceptExecutions: [execution.id],
        }),
      ).toEqual([]);
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'running',
      });
      await executions.updateStep(runOf(instanceA), 0, { state: 'running' });
    },
  );

  it.each(databases.eachSupportedId())(
    "interrupts an execution whose runner's heartbeat is late and lets it resume, %p",
    async databaseId => {
      const { executions, execution, runOf } = await started(databaseId);
      const run = runOf(instanceA);
      await executions.updateStep(run, 0, { state: 'succeeded' });
      await executions.updateStep(run, 1, {
        state: 'running',
        startedAt: '2026-11-22T10:01:03.000Z',
      });
      // A minute later, A has sent nothing since: instance B sweeps.
      expect(
        await executions.interruptAbandoned({
          message: 'its instance is gone',
          heartbeatBefore: secondsFromNow(60),
        }),
      ).toEqual([execution.id]);
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'interrupted',
        message: 'its instance is gone',
        steps: [
          { state: 'succeeded' },
          {
            state: 'pending',
            output:
              'Interrupted when its backend instance stopped: runs again on resume.',
          },
        ],
      });
      expect(
        await executions.interruptAbandoned({
          message: 'again',
          heartbeatBefore: secondsFromNow(60),
        }),
      ).toEqual([]);
      await executions.resumeExecution(
        execution.id,
        execution.entityRef,
        instanceB,
      );
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'running',
      });
      await expect(
        executions.resumeExecution(
          execution.id,
          execution.entityRef,
          instanceB,
        ),
      ).rejects.toThrow('is already running: another request resumed it first');
    },
  );

  it.each(databases.eachSupportedId())(
    'hands an interrupted execution to exactly one of two instances resuming it at the same moment; the other gets a ConflictError, %p',
    async databaseId => {
      const { executions, execution, runOf } = await started(databaseId);
      await executions.interruptAbandoned({
        message: 'its instance is gone',
        heartbeatBefore: secondsFromNow(60),
      });
      const instanceC = 'cccccccc-0000-4000-8000-000000000000';

      const outcomes = await Promise.allSettled(
        [instanceB, instanceC].map(runner =>
          executions.resumeExecution(execution.id, execution.entityRef, runner),
        ),
      );

      expect(outcomes.map(o => o.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const [winner, loser] =
        outcomes[0].status === 'fulfilled'
          ? [instanceB, instanceC]
          : [instanceC, instanceB];
      const refused = outcomes.find(
        (o): o is PromiseRejectedResult => o.status === 'rejected',
      )!;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect(refused.reason.message).toBe(
        `Execution ${execution.id} is already running: another request resumed it first`,
      );
      expect(await executions.heartbeat(runOf(winner))).toBe(true);
      expect(await executions.heartbeat(runOf(loser))).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses every write of a runner that lost its execution, and hands it to the runner that resumed it, %p',
    async databaseId => {
      const { knex, executions, execution, runOf } = await started(databaseId);
      const stalled = runOf(instanceA);
      await executions.updateStep(stalled, 0, {
        state: 'running',
        startedAt: '2026-11-22T10:01:01.000Z',
      });
      await executions.interruptAbandoned({
        message: 'its instance is gone',
        heartbeatBefore: secondsFromNow(60),
      });
      const interrupted = await executions.getExecution(execution.id);

      // A wakes up from its stall: nothing it writes lands.
      await expect(
        executions.updateStep(stalled, 0, { state: 'succeeded', output: 'x' }),
      ).rejects.toThrow(ExecutionTakenError);
      await expect(
        executions.finishExecution(stalled, 'succeeded'),
      ).rejects.toThrow(
        `Execution ${execution.id} is no longer run by runner ${instanceA}`,
      );
      expect(await executions.heartbeat(stalled)).toBe(false);
      expect(await executions.getExecution(execution.id)).toEqual(interrupted);

      // B resumes it: B's writes land, A's are still refused.
      await executions.resumeExecution(
        execution.id,
        execution.entityRef,
        instanceB,
      );
      const resumed = runOf(instanceB);
      expect(await executions.heartbeat(resumed)).toBe(true);
      expect(await executions.heartbeat(stalled)).toBe(false);
      await expect(
        executions.updateStep(stalled, 0, { state: 'failed', output: 'late' }),
      ).rejects.toThrow(ExecutionTakenError);
      await expect(
        executions.finishExecution(stalled, 'failed', 'late'),
      ).rejects.toThrow(ExecutionTakenError);
      await executions.updateStep(resumed, 0, {
        state: 'succeeded',
        output: 'Patched',
      });
      await executions.finishExecution(resumed, 'succeeded', 'done');
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'succeeded',
        message: 'done',
        steps: [
          { state: 'succeeded', output: 'Patched' },
          { state: 'pending' },
        ],
      });
      expect(
        await knex('reserve_executions')
          .where({ id: execution.id })
          .first('runner'),
      ).toEqual({ runner: instanceB });
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the plan of the last succeeded failover, for a failback, and lists executions newest first, %p',
    async databaseId => {
      const {
        plans,
        executions,
        plan: stored,
        execution,
        runOf,
      } = await started(databaseId);
      expect(
        await plans.lastSucceededPlan(stored.entityRef, 'failover'),
      ).toBeUndefined();
      await executions.finishExecution(runOf(instanceA), 'succeeded');
      expect(
        (await plans.lastSucceededPlan(stored.entityRef, 'failover', 'spare'))
          ?.id,
      ).toBe(stored.id);
      expect(
        await plans.lastSucceededPlan(
          stored.entityRef,
          'failover',
          'elsewhere',
        ),
      ).toBeUndefined();
      const listed = await executions.listExecutions(stored.entityRef);
      expect(listed.map(e => e.id)).toEqual([execution.id]);
      expect(listed[0].steps).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the executions stored before runners existed; a running one among them counts as abandoned, %p',
    async databaseId => {
      const { knex, executions, execution } = await started(databaseId);
      const migrations = { directory: `${__dirname}/../../migrations` };
      await knex.migrate.down({
        ...migrations,
        name: '20261124_execution_runners.js',
      });
      expect(await knex.schema.hasColumn('reserve_executions', 'runner')).toBe(
        false,
      );
      await knex.migrate.latest(migrations);
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'running',
        steps: [{ state: 'pending' }, { state: 'pending' }],
      });
      expect(
        await executions.interruptAbandoned({
          message: 'gone',
          heartbeatBefore: secondsFromNow(-30),
        }),
      ).toEqual([execution.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly, %p',
    async databaseId => {
      const { knex } = await createStores(databaseId);
      expect(await knex.schema.hasTable('reserve_executions')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      for (const table of [
        'reserve_plans',
        'reserve_executions',
        'reserve_execution_steps',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );
});
