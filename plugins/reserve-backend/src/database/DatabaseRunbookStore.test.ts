import { TestDatabaseId } from '@backstage/backend-test-utils';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import path from 'node:path';
import { DatabaseRunbookStore } from './DatabaseRunbookStore';
import { StoredRunbookTick } from './RunbookStore';

jest.setTimeout(60_000);

const tick = (
  overrides: Partial<StoredRunbookTick> = {},
): StoredRunbookTick => ({
  entityRef: 'component:default/checkout',
  runbook: 'failover',
  item: 'database-promoted',
  tickedBy: 'user:default/guest',
  tickedAt: '2026-11-22T13:00:00.000Z',
  note: 'promoted pg-checkout-replica in ams3',
  expiresAt: '2026-12-22T13:00:00.000Z',
  ...overrides,
});

describe('DatabaseRunbookStore', () => {
  const databases = storeDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseRunbookStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'keeps who ticked an item, when, why and until when, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.tick(tick());
      await store.tick(tick({ entityRef: 'component:default/other' }));
      expect(await store.listTicks('component:default/checkout')).toEqual([
        tick(),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps ticks across a backend restart (a new store on the same database), on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      await store.tick(tick());
      // A restarted backend creates its store again: migrations run again, data stays.
      const restarted = await DatabaseRunbookStore.create({
        database: { getClient: async () => knex },
      });
      expect(await restarted.listTicks('component:default/checkout')).toEqual([
        tick(),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces an earlier tick of the same item, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.tick(tick());
      const again = tick({
        tickedBy: 'user:default/ops',
        tickedAt: '2026-11-23T08:00:00.000Z',
        note: undefined,
        expiresAt: '2026-12-23T08:00:00.000Z',
      });
      await store.tick(again);
      expect(await store.listTicks('component:default/checkout')).toEqual([
        again,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'unticks an item and says whether it was ticked, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.tick(tick());
      await store.tick(tick({ item: 'switch-traffic' }));
      expect(
        await store.untick(
          'component:default/checkout',
          'failover',
          'database-promoted',
        ),
      ).toBe(true);
      expect(
        await store.untick(
          'component:default/checkout',
          'failover',
          'database-promoted',
        ),
      ).toBe(false);
      expect(
        (await store.listTicks('component:default/checkout')).map(t => t.item),
      ).toEqual(['switch-traffic']);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again cleanly, on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      await store.tick(tick());
      const directory = path.resolve(__dirname, '../../migrations');
      await knex.migrate.down({ directory, name: '20261122_runbook_ticks.js' });
      expect(await knex.schema.hasTable('reserve_runbook_ticks')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await store.listTicks('component:default/checkout')).toEqual([]);
    },
  );
});
