import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseExecutionStore } from './ExecutionStore';
import { DatabasePlanStore } from './PlanStore';

jest.setTimeout(60_000);

let counter = 0;
const uuid = () =>
  `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const start = Date.parse('2026-12-07T10:00:00.000Z');
const minutesIn = (minutes: number) => new Date(start + minutes * 60_000);

const plan = (minute: number, entityRef = 'component:default/shop') =>
  ({
    id: uuid(),
    entityRef,
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
  } as ActionPlan);

describe('DatabasePlanStore', () => {
  const databases = storeDatabases();

  async function createStores(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = { getClient: async () => knex };
    return {
      plans: await DatabasePlanStore.create({ database }),
      executions: await DatabaseExecutionStore.create({ database }),
    };
  }
  const stored = async (store: DatabasePlanStore, list: ActionPlan[]) =>
    (await Promise.all(list.map(p => store.getPlan(p.id)))).map(Boolean);

  it.each(databases.eachSupportedId())(
    'keeps at most the newest plans of an entity, never one an execution references, %p',
    async databaseId => {
      const { plans, executions } = await createStores(databaseId);
      const limits = { keep: 3, expiredBefore: minutesIn(-60) };
      const executed = plan(0);
      await plans.savePlan(executed, limits);
      await executions.startExecution({
        id: uuid(),
        plan: executed,
        startedBy: 'user:default/owner',
        startedAt: minutesIn(0).toISOString(),
        runner: '00000000-0000-4000-8000-aaaaaaaaaaaa',
      });
      const other = plan(0, 'component:default/other');
      await plans.savePlan(other, limits);
      const later = [1, 2, 3, 4].map(minute => plan(minute));
      for (const p of later) await plans.savePlan(p, limits);

      // Plans 1 and 2 made way for 3 and 4; the executed one and other entities' stay.
      expect(await stored(plans, [executed, ...later, other])).toEqual([
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
    'deletes the expired plans of an entity when it stores a new one, %p',
    async databaseId => {
      const { plans } = await createStores(databaseId);
      const expired = plan(0);
      const fresh = plan(50);
      await plans.savePlan(expired);
      await plans.savePlan(fresh);
      const newest = plan(70);
      await plans.savePlan(newest, { keep: 20, expiredBefore: minutesIn(10) });
      expect(await stored(plans, [expired, fresh, newest])).toEqual([
        false,
        true,
        true,
      ]);
    },
  );
});
