import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  ActionPlan,
  ExecutionState,
} from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseExecutionStore } from './DatabaseExecutionStore';
import { DatabasePlanStore } from './DatabasePlanStore';

jest.setTimeout(60_000);

let counter = 0;
const uuid = () =>
  `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const runner = 'aaaaaaaa-0000-4000-8000-000000000000';

const shop = 'component:default/shop';
const start = Date.parse('2026-12-07T10:00:00.000Z');
const minutesIn = (minutes: number) => new Date(start + minutes * 60_000);

// A failover plan of shop from prod to spare, created `minute` minutes after the start.
const plan = (
  minute: number,
  overrides: Partial<ActionPlan> = {},
): ActionPlan => ({
  id: uuid(),
  entityRef: shop,
  action: 'failover',
  options: {},
  primary: 'prod',
  reserve: 'spare',
  steps: [],
  warnings: [],
  skipped: [],
  createdBy: 'user:default/owner',
  createdAt: minutesIn(minute).toISOString(),
  fingerprint: [],
  ...overrides,
});

// Everything a plan carries, each field set.
const detailedPlan = (): ActionPlan => ({
  id: uuid(),
  entityRef: shop,
  action: 'failover',
  options: { scaleDownPrimary: true, reserve: 'spare' },
  primary: 'prod',
  reserve: 'spare',
  steps: [
    {
      index: 0,
      kind: 'patch',
      title: 'Scale Deployment shop/shop on spare from 0 to 4',
      cluster: 'spare',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
      },
      before: { spec: { replicas: 0 } },
      after: { spec: { replicas: 4 } },
    },
    {
      index: 1,
      kind: 'wait',
      title: 'Wait until shop/shop on spare has 4 replicas available',
      cluster: 'spare',
      condition: {
        type: 'workloads-available',
        workloads: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'shop',
            name: 'shop',
            replicas: 4,
          },
        ],
      },
      timeoutMs: 300_000,
    },
  ],
  warnings: ['prod does not answer: its CronJobs stay as they are.'],
  skipped: [
    {
      title: 'Suspend CronJob shop/dunning on prod',
      cluster: 'prod',
      reason: 'prod unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    },
  ],
  createdBy: 'user:default/owner',
  createdAt: '2026-12-07T10:00:00.123Z',
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
      observed: { spec: { replicas: 0 } },
      expected: { spec: { replicas: 4 } },
    },
    {
      cluster: 'spare',
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        namespace: 'shop',
        name: 'x',
      },
      observed: null,
    },
  ],
});

describe('DatabasePlanStore', () => {
  const databases = storeDatabases();

  async function createStores(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = { getClient: async () => knex };
    return {
      knex,
      plans: await DatabasePlanStore.create({ database }),
      executions: await DatabaseExecutionStore.create({ database }),
    };
  }

  type Stores = Awaited<ReturnType<typeof createStores>>;

  // Which of the plans are still stored, in order.
  const stored = async ({ plans }: Stores, list: ActionPlan[]) =>
    (await Promise.all(list.map(p => plans.getPlan(p.id)))).map(Boolean);

  // Runs a stored plan to an end state; `finishedMinute` sets when it finished.
  async function execute(
    { knex, executions }: Stores,
    executed: ActionPlan,
    state: Exclude<ExecutionState, 'running'> = 'succeeded',
    finishedMinute = 0,
  ): Promise<void> {
    const id = uuid();
    await executions.startExecution({
      id,
      plan: executed,
      startedBy: 'user:default/owner',
      startedAt: executed.createdAt,
      runner,
    });
    await executions.finishExecution({ executionId: id, runner }, state);
    // The store stamps the end with the clock: set it, so the order does not hang on timing.
    await knex('reserve_executions')
      .where({ id })
      .update({ finished_at: minutesIn(finishedMinute) });
  }

  it.each(databases.eachSupportedId())(
    'stores a plan and reads it back as planned, every field included, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const detailed = detailedPlan();
      await stores.plans.savePlan(detailed);
      expect(await stores.plans.getPlan(detailed.id)).toEqual(detailed);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads back a plan without primary or reserve without those fields, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const { primary, reserve, ...backupNow } = plan(0, {
        action: 'backup-now',
      });
      await stores.plans.savePlan(backupNow);
      const read = await stores.plans.getPlan(backupNow.id);
      expect(read).toEqual(backupNow);
      expect(read).not.toHaveProperty('primary');
      expect(read).not.toHaveProperty('reserve');
    },
  );

  it.each(databases.eachSupportedId())(
    'answers undefined for an id it does not hold, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      await stores.plans.savePlan(plan(0));
      expect(await stores.plans.getPlan(uuid())).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a second plan with an id it holds and keeps the first, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const first = plan(0);
      await stores.plans.savePlan(first);
      await expect(
        stores.plans.savePlan(
          { ...first, createdBy: 'user:default/mallory' },
          { keep: 1, expiredBefore: minutesIn(60) },
        ),
      ).rejects.toThrow();
      expect(await stores.plans.getPlan(first.id)).toEqual(first);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes nothing when it stores a plan without limits, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const list = [0, 1, 2, 3, 4].map(minute => plan(minute));
      for (const p of list) await stores.plans.savePlan(p);
      expect(await stored(stores, list)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps an entity's newest plans up to the limit, the oldest making way, %p",
    async databaseId => {
      const stores = await createStores(databaseId);
      const limits = { keep: 3, expiredBefore: minutesIn(-60) };
      const list = [0, 1, 2, 3, 4].map(minute => plan(minute));
      for (const p of list) await stores.plans.savePlan(p, limits);
      expect(await stored(stores, list)).toEqual([
        false,
        false,
        true,
        true,
        true,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "counts the plans executions reference towards the limit and never deletes them; other entities' plans stay, %p",
    async databaseId => {
      const stores = await createStores(databaseId);
      const limits = { keep: 3, expiredBefore: minutesIn(-60) };
      const executed = plan(0);
      await stores.plans.savePlan(executed, limits);
      await execute(stores, executed);
      const other = plan(0, { entityRef: 'component:default/other' });
      await stores.plans.savePlan(other, limits);
      const later = [1, 2, 3, 4].map(minute => plan(minute));
      for (const p of later) await stores.plans.savePlan(p, limits);

      // Plans 1 and 2 made way for 3 and 4; the executed one and other entities' stay.
      expect(await stored(stores, [executed, ...later, other])).toEqual([
        true,
        false,
        false,
        true,
        true,
        true,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps every executed plan and the new one when executions reference more plans than the limit, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const executed = [0, 1, 2].map(minute => plan(minute));
      for (const p of executed) {
        await stores.plans.savePlan(p);
        await execute(stores, p, 'failed');
      }
      const unexecuted = plan(3);
      await stores.plans.savePlan(unexecuted);
      const newest = plan(4);
      await stores.plans.savePlan(newest, {
        keep: 2,
        expiredBefore: minutesIn(-60),
      });
      expect(await stored(stores, [...executed, unexecuted, newest])).toEqual([
        true,
        true,
        true,
        false,
        true,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "deletes an entity's plans created before expiredBefore when it stores a new one, keeping one created at it and executed ones, %p",
    async databaseId => {
      const stores = await createStores(databaseId);
      const expired = plan(0);
      const expiredExecuted = plan(1);
      const atTheLimit = plan(10);
      const fresh = plan(50);
      const otherExpired = plan(0, { entityRef: 'component:default/other' });
      for (const p of [expired, expiredExecuted, atTheLimit, fresh]) {
        await stores.plans.savePlan(p);
      }
      await execute(stores, expiredExecuted);
      await stores.plans.savePlan(otherExpired);
      const newest = plan(70);
      await stores.plans.savePlan(newest, {
        keep: 20,
        expiredBefore: minutesIn(10),
      });
      expect(
        await stored(stores, [
          expired,
          expiredExecuted,
          atTheLimit,
          fresh,
          newest,
          otherExpired,
        ]),
      ).toEqual([false, true, true, true, true, true]);
    },
  );

  it.each(databases.eachSupportedId())(
    'still answers an expired plan until a later save of its entity deletes it (running it is refused by the executor), %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const old = plan(0);
      await stores.plans.savePlan(old, {
        keep: 5,
        expiredBefore: minutesIn(-60),
      });
      expect(await stores.plans.getPlan(old.id)).toEqual(old);
      await stores.plans.savePlan(plan(120), {
        keep: 5,
        expiredBefore: minutesIn(60),
      });
      expect(await stores.plans.getPlan(old.id)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'never deletes the plan it stores, even one already expired or older than those it keeps, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const newer = [5, 6].map(minute => plan(minute));
      for (const p of newer) await stores.plans.savePlan(p);
      const older = plan(1);
      await stores.plans.savePlan(older, {
        keep: 2,
        expiredBefore: minutesIn(2),
      });
      expect(await stored(stores, [older, ...newer])).toEqual([
        true,
        true,
        true,
      ]);

      const alone = plan(0, { entityRef: 'component:default/other' });
      await stores.plans.savePlan(alone, {
        keep: 1,
        expiredBefore: minutesIn(60),
      });
      expect(await stores.plans.getPlan(alone.id)).toEqual(alone);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the plan of the newest succeeded execution of an action, optionally on one reserve, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const { plans } = stores;
      expect(await plans.lastSucceededPlan(shop, 'failover')).toBeUndefined();

      const toSpare = plan(0);
      const toAms = plan(1, { reserve: 'reserve-ams' });
      const failed = plan(2);
      const unexecuted = plan(3);
      const backup = plan(4, { action: 'backup-now' });
      const otherEntity = plan(5, { entityRef: 'component:default/other' });
      for (const p of [toSpare, toAms, failed, unexecuted, backup]) {
        await plans.savePlan(p);
      }
      await plans.savePlan(otherEntity);
      await execute(stores, toSpare, 'succeeded', 10);
      await execute(stores, toAms, 'succeeded', 20);
      await execute(stores, failed, 'failed', 30);
      await execute(stores, backup, 'succeeded', 40);
      await execute(stores, otherEntity, 'succeeded', 50);

      expect(await plans.lastSucceededPlan(shop, 'failover')).toEqual(toAms);
      expect(await plans.lastSucceededPlan(shop, 'failover', 'spare')).toEqual(
        toSpare,
      );
      expect(
        await plans.lastSucceededPlan(shop, 'failover', 'reserve-ams'),
      ).toEqual(toAms);
      expect(
        await plans.lastSucceededPlan(shop, 'failover', 'elsewhere'),
      ).toBeUndefined();
      expect(await plans.lastSucceededPlan(shop, 'backup-now')).toEqual(backup);
      expect(await plans.lastSucceededPlan(shop, 'failback')).toBeUndefined();
      expect(
        await plans.lastSucceededPlan('component:default/other', 'failover'),
      ).toEqual(otherEntity);
    },
  );

  it.each(databases.eachSupportedId())(
    'orders succeeded executions by when they finished, not when they were planned, %p',
    async databaseId => {
      const stores = await createStores(databaseId);
      const plannedFirst = plan(0);
      const plannedSecond = plan(1);
      await stores.plans.savePlan(plannedFirst);
      await stores.plans.savePlan(plannedSecond);
      await execute(stores, plannedSecond, 'succeeded', 10);
      await execute(stores, plannedFirst, 'succeeded', 20);
      expect(await stores.plans.lastSucceededPlan(shop, 'failover')).toEqual(
        plannedFirst,
      );
    },
  );
});
