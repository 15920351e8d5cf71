import { TestDatabaseId } from '@backstage/backend-test-utils';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DrillRecord } from '@kube-reserve/plugin-reserve-common';
import { DatabaseDrillStore } from './DatabaseDrillStore';

jest.setTimeout(60_000);

const drill = (overrides: Partial<DrillRecord> = {}): DrillRecord => ({
  entityRef: 'component:default/shop',
  cluster: 'reserve-ams',
  restoreName: 'shop-drill-1',
  backupName: 'hourly-20261120101842',
  namespaceMapping: { shop: 'shop-drill' },
  phase: 'Completed',
  startedAt: '2025-11-20T10:30:15.000Z',
  completedAt: '2025-11-20T10:39:15.000Z',
  durationMs: 540_000,
  ...overrides,
});

describe('DatabaseDrillStore', () => {
  const databases = storeDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDrillStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'stores a drill and lists it back, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordDrills([drill()]);
      const [stored] = await store.listDrills('component:default/shop');
      expect(stored).toEqual({ ...drill(), recordedAt: expect.any(String) });
      expect(Date.parse(stored.recordedAt!)).not.toBeNaN();
    },
  );

  it.each(databases.eachSupportedId())(
    'records the same restore once, keeping its first sighting, %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      await store.recordDrills([drill({ phase: 'PartiallyFailed' })]);
      const [first] = await store.listDrills('component:default/shop');
      await store.recordDrills([drill(), drill()]);
      await store.recordDrills([drill()]);
      const drills = await store.listDrills('component:default/shop');
      expect(drills).toEqual([{ ...drill(), recordedAt: first.recordedAt }]);
      const [{ n }] = await knex('reserve_drills').count({ n: '*' });
      expect(Number(n)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one row per entity a restore brought back, newest first (undated drills by when recorded), %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordDrills([
        drill({
          restoreName: 'older',
          startedAt: '2025-09-01T10:00:00.000Z',
          completedAt: '2025-09-01T10:05:00.000Z',
        }),
        drill({ restoreName: 'both' }),
        drill({ restoreName: 'both', entityRef: 'component:default/cart' }),
        drill({
          restoreName: 'never-started',
          phase: 'Failed',
          startedAt: undefined,
          completedAt: undefined,
          durationMs: undefined,
        }),
      ]);
      const shop = await store.listDrills('component:default/shop');
      expect(shop.map(d => d.restoreName)).toEqual([
        'never-started',
        'both',
        'older',
      ]);
      expect(shop[0]).not.toHaveProperty('startedAt');
      expect(await store.listDrills('component:default/cart')).toHaveLength(1);
      expect(
        await store.listDrills('component:default/shop', { limit: 1 }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists several entities at once, each newest first and within the limit, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordDrills([
        drill({
          restoreName: 'older',
          startedAt: '2025-09-01T10:00:00.000Z',
          completedAt: '2025-09-01T10:05:00.000Z',
        }),
        drill({ restoreName: 'newer' }),
        drill({ restoreName: 'cart', entityRef: 'component:default/cart' }),
      ]);
      const byEntity = await store.listDrillsByEntity([
        'component:default/shop',
        'component:default/cart',
        'component:default/never-drilled',
      ]);
      expect(
        Object.fromEntries(
          [...byEntity].map(([ref, drills]) => [
            ref,
            drills.map(d => d.restoreName),
          ]),
        ),
      ).toEqual({
        'component:default/shop': ['newer', 'older'],
        'component:default/cart': ['cart'],
        'component:default/never-drilled': [],
      });
      const limited = await store.listDrillsByEntity(
        ['component:default/shop'],
        { limit: 1 },
      );
      expect(limited.get('component:default/shop')).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('reserve_drills')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      expect(await knex.schema.hasTable('reserve_drills')).toBe(false);
    },
  );
});
