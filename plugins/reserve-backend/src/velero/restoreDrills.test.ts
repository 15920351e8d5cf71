import {
  aBackup,
  aBackupSpec,
  aDrill,
  aReserve,
  aRestore,
  anEntityView,
  day,
} from '../view/__fixtures__/builders';
import {
  drillFromRestore,
  entityDrills,
  restoredNamespaces,
} from './restoreDrills';

describe('restoredNamespaces', () => {
  it('takes the namespaces both the backup and the restore include', () => {
    const backup = aBackup('b', {
      spec: aBackupSpec({ includedNamespaces: ['shop', 'cart'] }),
    });
    const restore = aRestore('r', 'b', { includedNamespaces: ['cart'] });
    expect(restoredNamespaces(restore, backup, ['shop', 'cart'])).toEqual([
      'cart',
    ]);
  });

  it('restores every namespace of the backup when the restore names none', () => {
    const backup = aBackup('b', {
      spec: aBackupSpec({ includedNamespaces: ['sh*'] }),
    });
    const restore = aRestore('r', 'b', {
      includedNamespaces: [],
      namespaceMapping: {},
    });
    expect(restoredNamespaces(restore, backup, ['shop', 'cart'])).toEqual([
      'shop',
    ]);
  });

  it('relies on the restore itself once its backup is gone', () => {
    expect(
      restoredNamespaces(aRestore('r', 'gone'), undefined, ['shop']),
    ).toEqual(['shop']);
    const unnamed = aRestore('r', 'gone', {
      includedNamespaces: ['*'],
      namespaceMapping: { shop: 'shop-x' },
    });
    expect(restoredNamespaces(unnamed, undefined, ['shop', 'cart'])).toEqual([
      'shop',
    ]);
    const blind = aRestore('r', 'gone', {
      includedNamespaces: [],
      namespaceMapping: {},
    });
    expect(restoredNamespaces(blind, undefined, ['shop'])).toEqual([]);
  });
});

describe('drillFromRestore', () => {
  it('records start, completion, phase and duration', () => {
    expect(
      drillFromRestore(
        'component:default/shop',
        'reserve-ams',
        aRestore('shop-drill', 'hourly-1'),
      ),
    ).toEqual({
      entityRef: 'component:default/shop',
      cluster: 'reserve-ams',
      restoreName: 'shop-drill',
      backupName: 'hourly-1',
      namespaceMapping: { shop: 'shop-drill' },
      phase: 'Completed',
      startedAt: '2026-02-28T12:00:00.000Z',
      completedAt: '2026-02-28T12:09:00.000Z',
      durationMs: 540_000,
    });
  });
});

describe('entityDrills', () => {
  it('adds finished restores seen on a reserve to the stored ones, once each, newest first', () => {
    const stored = aDrill(10 * day, { restoreName: 'old-drill' });
    const view = anEntityView({
      drills: [stored],
      reserves: [
        aReserve({
          veleroRestores: [
            aRestore('old-drill', 'b'),
            aRestore('new-drill', 'b', { startedAgo: day }),
            aRestore('running', 'b', { phase: 'InProgress' }),
            aRestore('other-team', 'b', { includedNamespaces: ['cart'] }),
          ],
        }),
      ],
    });
    expect(
      entityDrills(view).map(d => [d.restoreName, d.recordedAt !== undefined]),
    ).toEqual([
      ['new-drill', false],
      ['old-drill', true],
    ]);
  });
});
