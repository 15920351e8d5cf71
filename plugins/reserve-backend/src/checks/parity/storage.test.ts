import {
  aPersistentVolumeClaim,
  aPrimary,
  aReserve,
  aStatefulSet,
  aStorageClass,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkStorage } from './storage';

const primaryWith = (...claims: ReturnType<typeof aPersistentVolumeClaim>[]) =>
  aPrimary({ persistentVolumeClaims: claims });

describe('parity.storage', () => {
  it('passes when the reserve has the StorageClass the claims use', () => {
    const view = anEntityView({
      primary: primaryWith(aPersistentVolumeClaim('data', 'fast-ssd')),
      reserves: [aReserve({ storageClasses: [aStorageClass('fast-ssd')] })],
    });
    expect(checkStorage(view).state).toBe('pass');
  });

  it('fails a StorageClass missing on the reserve', () => {
    const view = anEntityView({
      primary: primaryWith(aPersistentVolumeClaim('data', 'fast-ssd')),
      reserves: [
        aReserve({ storageClasses: [aStorageClass('do-block-storage', true)] }),
      ],
    });
    expect(checkStorage(view)).toMatchObject({
      state: 'fail',
      message:
        'StorageClass fast-ssd of PersistentVolumeClaim shop/data is missing on reserve-ams',
    });
  });

  it('fails a StatefulSet claim template without a class when the reserve has no default class', () => {
    const statefulSet = aStatefulSet('db');
    statefulSet.spec!.volumeClaimTemplates = [
      { metadata: { name: 'data' }, spec: {} },
    ];
    const view = anEntityView({
      primary: aPrimary({ statefulSets: [statefulSet] }),
      reserves: [aReserve({ storageClasses: [aStorageClass('fast-ssd')] })],
    });
    expect(checkStorage(view).message).toBe(
      'claim template data of StatefulSet shop/db relies on a default StorageClass, which reserve-ams lacks',
    );
  });

  it('warns about a statically bound volume', () => {
    const view = anEntityView({
      primary: primaryWith(aPersistentVolumeClaim('data', '')),
    });
    expect(checkStorage(view).state).toBe('warn');
  });

  it('is unknown when StorageClasses cannot be read on the reserve', () => {
    const view = anEntityView({
      primary: primaryWith(aPersistentVolumeClaim('data', 'fast-ssd')),
      reserves: [withoutKind(aReserve(), 'storageClasses')],
    });
    expect(checkStorage(view)).toMatchObject({
      state: 'unknown',
      message: 'storageclasses forbidden on reserve-ams',
    });
  });

  it('is unknown when the primary is unreachable', () => {
    const view = anEntityView({
      primary: unreachable(primaryWith(aPersistentVolumeClaim('data'))),
    });
    expect(checkStorage(view).state).toBe('unknown');
  });

  it('does not apply to an entity without volumes', () => {
    expect(checkStorage(anEntityView()).state).toBe('not-applicable');
  });

  it('does not apply to an entity without volumes even when the reserve is unreachable', () => {
    expect(
      checkStorage(anEntityView({ reserves: [unreachable(aReserve())] })),
    ).toMatchObject({
      state: 'not-applicable',
      message: 'The entity has no persistent volumes',
    });
  });
});
