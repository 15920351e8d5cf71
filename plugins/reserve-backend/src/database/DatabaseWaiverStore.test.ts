import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Waiver } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import { RecordChanges } from './RecordChanges';

jest.setTimeout(60_000);

const checkout = 'component:default/checkout';
const now = new Date('2026-12-07T12:00:00.000Z');

const waiver = (overrides: Partial<Waiver> = {}): Waiver => ({
  id: '0b7c3c1e-58f1-4d55-9a3e-6a1c2e3d4f50',
  entityRef: checkout,
  checkId: 'parity.cronjobs',
  reason: 'the reserve runs its own dunning job on purpose',
  createdBy: 'user:default/alice',
  createdAt: '2026-12-07T11:00:00.000Z',
  expiresAt: '2026-12-21T11:00:00.000Z',
  ...overrides,
});

describe('DatabaseWaiverStore', () => {
  const databases = storeDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const changes = new RecordChanges();
    const written: string[][] = [];
    changes.subscribe(refs => written.push([...refs]));
    const store = await DatabaseWaiverStore.create({
      database: { getClient: async () => knex },
      changes,
    });
    return { store, written };
  }

  it.each(databases.eachSupportedId())(
    'keeps a waiver in force until it expires, and tells this instance of the write, %p',
    async databaseId => {
      const { store, written } = await createStore(databaseId);
      const onReserve = waiver({
        id: 'a2f3c4d5-0000-4000-8000-000000000002',
        checkId: 'workload.replicas',
        cluster: 'reserve-ams',
        expiresAt: '2026-12-08T11:00:00.000Z',
      });
      await store.createWaiver(waiver(), now);
      await store.createWaiver(onReserve, now);
      expect(written).toEqual([[checkout], [checkout]]);

      expect(await store.getWaiver(onReserve.id)).toEqual(onReserve);
      expect(
        await store.waiversInForce([checkout, 'component:default/other'], now),
      ).toEqual(new Map([[checkout, [onReserve, waiver()]]]));
      // The day after, the shorter one has lapsed: no longer in force, and past.
      const nextDay = new Date('2026-12-08T11:00:00.000Z');
      expect(await store.waiversInForce([checkout], nextDay)).toEqual(
        new Map([[checkout, [waiver()]]]),
      );
      expect(await store.pastWaivers(checkout, nextDay)).toEqual([onReserve]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a second waiver of the same check on the same clusters while the first is in force, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.createWaiver(waiver(), now);
      await expect(
        store.createWaiver(
          waiver({ id: 'a2f3c4d5-0000-4000-8000-000000000003' }),
          now,
        ),
      ).rejects.toThrow(
        new ConflictError(
          'parity.cronjobs of component:default/checkout is already waived until 2026-12-21T11:00:00.000Z (by user:default/alice, waiver 0b7c3c1e-58f1-4d55-9a3e-6a1c2e3d4f50): revoke that waiver first',
        ),
      );
      // The same check on one cluster is another waiver.
      await store.createWaiver(
        waiver({
          id: 'a2f3c4d5-0000-4000-8000-000000000004',
          cluster: 'reserve-ams',
        }),
        now,
      );
      // Once the first has lapsed, the check can be waived again.
      await store.createWaiver(
        waiver({
          id: 'a2f3c4d5-0000-4000-8000-000000000005',
          createdAt: '2026-12-21T11:00:00.000Z',
          expiresAt: '2026-12-28T11:00:00.000Z',
        }),
        new Date('2026-12-21T11:00:00.000Z'),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'stores one of two identical waivers created at once by two instances, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const stores = [
        await DatabaseWaiverStore.create({ database }),
        await DatabaseWaiverStore.create({ database }),
      ];
      for (let round = 0; round < 5; round++) {
        const ids = [1, 2].map(
          i => `a2f3c4d5-0000-4000-8000-0000000001${round}${i}`,
        );
        const checkId = 'workload.replicas';
        const results = await Promise.allSettled(
          stores.map((store, i) =>
            store.createWaiver(
              waiver({ id: ids[i], checkId, cluster: `c${round}` }),
              now,
            ),
          ),
        );
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        expect(
          (await stores[0].waiversInForce([checkout], now))
            .get(checkout)!
            .filter(w => w.cluster === `c${round}`),
        ).toHaveLength(1);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'revokes a waiver in force once, and keeps it as past, %p',
    async databaseId => {
      const { store, written } = await createStore(databaseId);
      await store.createWaiver(waiver(), now);
      const revoked = { by: 'user:default/bob', at: now.toISOString() };
      expect(await store.revokeWaiver(waiver().id, revoked)).toEqual(
        waiver({ revoked }),
      );
      expect(written).toEqual([[checkout], [checkout]]);
      expect(await store.revokeWaiver(waiver().id, revoked)).toBeUndefined();
      expect(
        await store.revokeWaiver('no-such-waiver', revoked),
      ).toBeUndefined();
      expect(await store.waiversInForce([checkout], now)).toEqual(new Map());
      expect(await store.pastWaivers(checkout, now)).toEqual([
        waiver({ revoked }),
      ]);
      // A lapsed waiver cannot be revoked: it no longer counts.
      await store.createWaiver(
        waiver({ id: 'a2f3c4d5-0000-4000-8000-000000000006' }),
        now,
      );
      expect(
        await store.revokeWaiver('a2f3c4d5-0000-4000-8000-000000000006', {
          by: 'user:default/bob',
          at: '2026-12-22T00:00:00.000Z',
        }),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'hands each lapse out once for its audit event, and never a revoked waiver, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.createWaiver(waiver(), now);
      const revokedOne = waiver({
        id: 'a2f3c4d5-0000-4000-8000-000000000007',
        checkId: 'workload.pdb',
      });
      await store.createWaiver(revokedOne, now);
      await store.revokeWaiver(revokedOne.id, {
        by: 'user:default/bob',
        at: now.toISOString(),
      });
      expect(await store.takeLapsed(now)).toEqual([]);
      const later = new Date('2026-12-22T00:00:00.000Z');
      expect(await store.takeLapsed(later)).toEqual([waiver()]);
      expect(await store.takeLapsed(later)).toEqual([]);
    },
  );
});
