import {
  aBackupStorageLocation,
  primaryFacts,
} from '../view/__fixtures__/builders';
import {
  locationOf,
  sameSiteReason,
  sameStorage,
  staleSyncAfterMs,
} from './storageLocations';

describe('storage locations', () => {
  it('matches locations on the same bucket and prefix, whatever the slashes', () => {
    const primary = aBackupStorageLocation({ prefix: 'prod-fra' });
    expect(
      sameStorage(
        primary,
        aBackupStorageLocation({
          prefix: '/prod-fra/',
          accessMode: 'ReadOnly',
        }),
      ),
    ).toBe(true);
    expect(
      sameStorage(primary, aBackupStorageLocation({ prefix: 'prod-ams' })),
    ).toBe(false);
    expect(
      sameStorage(primary, aBackupStorageLocation({ bucket: 'other' })),
    ).toBe(false);
  });

  it('finds the named location, else the default one', () => {
    const other = aBackupStorageLocation({ name: 'archive' });
    other.spec!.default = false;
    const locations = [aBackupStorageLocation(), other];
    expect(locationOf({ storageLocation: 'archive' }, locations)).toBe(other);
    expect(locationOf({}, locations)).toBe(locations[0]);
    expect(locationOf({ storageLocation: 'gone' }, locations)).toBeUndefined();
  });

  it('calls a sync stale after three sync periods, and never sooner than ten minutes', () => {
    expect(staleSyncAfterMs(aBackupStorageLocation())).toBe(600_000);
    const slow = aBackupStorageLocation();
    slow.spec!.backupSyncPeriod = '1h';
    expect(staleSyncAfterMs(slow)).toBe(3 * 3_600_000);
  });

  it('tells a location in the primary region or site, or inside the primary, from one elsewhere', () => {
    expect(
      sameSiteReason(aBackupStorageLocation(), primaryFacts),
    ).toBeUndefined();
    expect(
      sameSiteReason(
        aBackupStorageLocation({ config: { region: 'eu-central' } }),
        primaryFacts,
      ),
    ).toMatch(/primary's own region/);
    expect(
      sameSiteReason(
        aBackupStorageLocation({ config: { site: 'fra1' } }),
        primaryFacts,
      ),
    ).toMatch(/own site/);
    expect(
      sameSiteReason(
        aBackupStorageLocation({
          config: { region: 'minio', s3Url: 'http://minio.velero.svc:9000' },
        }),
        primaryFacts,
      ),
    ).toMatch(/inside prod-fra/);
    expect(
      sameSiteReason(aBackupStorageLocation({ config: {} }), primaryFacts),
    ).toBe('unknown');
  });
});
