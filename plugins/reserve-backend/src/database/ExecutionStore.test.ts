import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseExecutionStore } from './ExecutionStore';
import { DatabasePlanStore } from './PlanStore';

jest.setTimeout(60_000);

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
    });
    return { ...stores, plan: stored, execution };
  }

  it.each(databases.eachSupportedId())(
    'stores a plan and reads it back as planned, %p',
    async databaseId => {
      const { plans } = await createStores(databaseId);
      const stored = plan();
      await plans.savePlan(stored);
      expect(await plans.getPlan(stored.id)).toEqual(stored);
      expect(await plans.getPlan(uuid())).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'starts an execution with every step pending and records each step before and after it runs, %p',
    async databaseId => {
      const { executions, execution } = await started(databaseId);
      expect(execution).toMatchObject({
        state: 'running',
        startedBy: 'user:default/owner',
        steps: [
          { index: 0, state: 'pending' },
          { index: 1, state: 'pending' },
        ],
      });
      await executions.updateStep(execution.id, 0, {
        state: 'running',
        startedAt: '2026-11-22T10:01:01.000Z',
      });
      await executions.updateStep(execution.id, 0, {
        state: 'succeeded',
        output: 'Patched',
        result: { availableAt: 'x' },
        finishedAt: '2026-11-22T10:01:02.000Z',
      });
      await executions.finishExecution(execution.id, 'succeeded', 'done');
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
      const { plans, executions, execution } = await started(databaseId);
      const second = plan();
      await plans.savePlan(second);
      const start = () =>
        executions.startExecution({
          id: uuid(),
          plan: second,
          startedBy: 'user:default/other',
          startedAt: '2026-11-22T10:02:00.000Z',
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
        }),
      ).resolves.toMatchObject({ state: 'running' });
      await executions.finishExecution(execution.id, 'failed', 'boom');
      await expect(start()).resolves.toMatchObject({ state: 'running' });
    },
  );

  it.each(databases.eachSupportedId())(
    'runs a plan once: a second execution of it is a conflict, %p',
    async databaseId => {
      const { executions, plan: stored, execution } = await started(databaseId);
      await executions.finishExecution(execution.id, 'succeeded');
      await expect(
        executions.startExecution({
          id: uuid(),
          plan: stored,
          startedBy: 'user:default/owner',
          startedAt: '2026-11-22T10:03:00.000Z',
        }),
      ).rejects.toThrow(
        `Plan ${stored.id} already ran as execution ${execution.id}`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'marks executions left running interrupted at start-up and lets them resume, %p',
    async databaseId => {
      const { executions, execution } = await started(databaseId);
      await executions.updateStep(execution.id, 0, { state: 'succeeded' });
      await executions.updateStep(execution.id, 1, {
        state: 'running',
        startedAt: '2026-11-22T10:01:03.000Z',
      });
      expect(await executions.interruptRunning('restarted')).toEqual([
        execution.id,
      ]);
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'interrupted',
        message: 'restarted',
        steps: [{ state: 'succeeded' }, { state: 'pending' }],
      });
      await executions.resumeExecution(execution.id, execution.entityRef);
      expect(await executions.getExecution(execution.id)).toMatchObject({
        state: 'running',
      });
      await expect(
        executions.resumeExecution(execution.id, execution.entityRef),
      ).rejects.toThrow('is not failed or interrupted');
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
      } = await started(databaseId);
      expect(
        await plans.lastSucceededPlan(stored.entityRef, 'failover'),
      ).toBeUndefined();
      await executions.finishExecution(execution.id, 'succeeded');
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
