import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { FailoverState } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseFailoverStore } from './DatabaseFailoverStore';

jest.setTimeout(60_000);

const checkout = 'component:default/checkout';

const byExecution = (
  overrides: Partial<FailoverState> = {},
): FailoverState => ({
  servingCluster: 'reserve-ams',
  formerPrimary: 'prod-fra',
  since: '2026-12-06T14:20:00.000Z',
  by: 'user:default/guest',
  executionId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  pendingOnFormerPrimary: [
    {
      title: 'Suspend CronJob shop/dunning on prod-fra',
      cluster: 'prod-fra',
      reason: 'prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    },
  ],
  ...overrides,
});

const byHand: FailoverState = {
  servingCluster: 'reserve-ams',
  formerPrimary: 'prod-fra',
  since: '2026-12-06T14:25:00.000Z',
  by: 'user:default/alice',
  note: 'switched DNS by hand at 14:20',
  pendingOnFormerPrimary: [],
};

describe('DatabaseFailoverStore', () => {
  const databases = storeDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseFailoverStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'remembers a failover with who ran it and what is left to do on the former primary, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byExecution());
      expect(await store.getFailover(checkout)).toEqual(byExecution());
      expect(
        await store.getFailover('component:default/other'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a failover recorded by hand with its note and no execution, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byHand);
      const stored = await store.getFailover(checkout);
      expect(stored).toEqual(byHand);
      expect(stored).not.toHaveProperty('executionId');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a second failover while one is in force, naming it, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byExecution());
      const second = store.recordFailover(checkout, byHand);
      await expect(second).rejects.toThrow(ConflictError);
      await expect(second).rejects.toThrow(
        /already failed over to reserve-ams since 2026-12-06T14:20:00.000Z \(by user:default\/guest\)/,
      );
      expect(await store.getFailover(checkout)).toEqual(byExecution());
    },
  );

  it.each(databases.eachSupportedId())(
    'ends a failover with its failback, after which the entity can fail over again, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byExecution());
      const ended = await store.endFailover(checkout, {
        at: '2026-12-06T16:00:00.000Z',
        by: 'user:default/guest',
        executionId: '7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
      });
      expect(ended).toEqual({
        entityRef: checkout,
        ...byExecution(),
        ended: {
          at: '2026-12-06T16:00:00.000Z',
          by: 'user:default/guest',
          executionId: '7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
        },
      });
      expect(await store.getFailover(checkout)).toBeUndefined();
      expect(
        await store.endFailover(checkout, {
          at: '2026-12-06T16:01:00.000Z',
          by: 'user:default/guest',
        }),
      ).toBeUndefined();

      await store.recordFailover(checkout, byHand);
      expect(await store.getFailover(checkout)).toEqual(byHand);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps ended failovers as the history, newest first, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byExecution());
      await store.endFailover(checkout, {
        at: '2026-12-06T14:22:00.000Z',
        by: 'user:default/alice',
      });
      await store.recordFailover(checkout, byHand);
      const history = await store.listFailovers(checkout);
      expect(history.map(f => [f.since, f.ended?.by])).toEqual([
        ['2026-12-06T14:25:00.000Z', undefined],
        ['2026-12-06T14:20:00.000Z', 'user:default/alice'],
      ]);
      expect(history[1].ended).not.toHaveProperty('executionId');
      expect(await store.listFailovers(checkout, { limit: 1 })).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads the failovers in force of several entities at once, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordFailover(checkout, byExecution());
      await store.recordFailover('component:default/payments-api', byHand);
      await store.endFailover('component:default/payments-api', {
        at: '2026-12-06T15:00:00.000Z',
        by: 'user:default/alice',
      });
      await store.recordFailover('component:default/reporting', byHand);
      const inForce = await store.failoversInForce([
        checkout,
        'component:default/payments-api',
        'component:default/never-failed-over',
      ]);
      expect(Object.fromEntries(inForce)).toEqual({
        [checkout]: byExecution(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('reserve_failovers')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      expect(await knex.schema.hasTable('reserve_failovers')).toBe(false);
    },
  );
});
