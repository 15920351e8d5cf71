import { TestDatabases } from '@backstage/backend-test-utils';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { DatabaseDrillStore } from '../database/DatabaseDrillStore';
import { aBackup, aBackupSpec, aRestore } from '../view/__fixtures__/builders';
import { RestoreRecorder, restoreEntityMapper } from './RestoreRecorder';

jest.setTimeout(60_000);

function reserveSnapshot(
  kinds: Record<string, KubernetesObject[] | 'forbidden'>,
): ClusterSnapshot {
  const fetchedAt = new Date('2026-03-01T12:00:00Z');
  return {
    name: 'reserve-ams',
    status: {
      state: 'ok',
      kinds: Object.fromEntries(
        Object.entries(kinds).map(([key, items]) => [
          key,
          { state: items === 'forbidden' ? 'forbidden' : 'ok' },
        ]),
      ),
    },
    kinds: new Map(
      Object.entries(kinds)
        .filter(([, items]) => items !== 'forbidden')
        .map(([key, items]) => [
          key,
          { items: items as KubernetesObject[], fetchedAt },
        ]),
    ),
  };
}

const entities = restoreEntityMapper([
  { entityRef: 'component:default/shop', namespaces: ['shop'] },
  { entityRef: 'component:default/cart', namespaces: ['cart'] },
  { entityRef: 'component:default/search', namespaces: ['search'] },
]);

describe('RestoreRecorder', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function recorder() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDrillStore.create({
      database: { getClient: async () => knex },
    });
    return {
      store,
      recorder: new RestoreRecorder({ store, entitiesOf: entities }),
    };
  }

  it('records each finished restore once for every entity whose namespaces it restored', async () => {
    const { store, recorder: drills } = await recorder();
    const backup = aBackup('nightly-1', {
      spec: aBackupSpec({ includedNamespaces: ['shop', 'cart'] }),
    });
    const snapshot = reserveSnapshot({
      'backups.velero.io': [backup],
      'restores.velero.io': [
        aRestore('full-drill', 'nightly-1', {
          includedNamespaces: [],
          namespaceMapping: {},
        }),
        aRestore('running', 'nightly-1', { phase: 'InProgress' }),
      ],
    });
    expect(await drills.record([snapshot])).toBe(2);
    expect(await drills.record([snapshot])).toBe(2);
    expect(
      (await store.listDrills('component:default/shop')).map(
        d => d.restoreName,
      ),
    ).toEqual(['full-drill']);
    expect(await store.listDrills('component:default/cart')).toHaveLength(1);
    expect(await store.listDrills('component:default/search')).toEqual([]);
  });

  it('keeps a drill after Velero deleted the restore with its backup', async () => {
    const { store, recorder: drills } = await recorder();
    await drills.record([
      reserveSnapshot({
        'backups.velero.io': [],
        'restores.velero.io': [aRestore('shop-drill', 'gone')],
      }),
    ]);
    await drills.record([
      reserveSnapshot({ 'backups.velero.io': [], 'restores.velero.io': [] }),
    ]);
    expect(await store.listDrills('component:default/shop')).toMatchObject([
      { restoreName: 'shop-drill', phase: 'Completed', durationMs: 540_000 },
    ]);
  });

  it('records nothing from a reserve whose Restores cannot be read', async () => {
    const { recorder: drills } = await recorder();
    expect(
      await drills.record([
        reserveSnapshot({ 'restores.velero.io': 'forbidden' }),
      ]),
    ).toBe(0);
  });
});
