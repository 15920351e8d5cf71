import {
  aBackup,
  aBackupStorageLocation,
  aPrimary,
  aReserve,
  aSchedule,
  anEntityView,
  hour,
  unreachable,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkBackupLocation } from './location';

const readOnly = (options: Parameters<typeof aBackupStorageLocation>[0] = {}) =>
  aBackupStorageLocation({ accessMode: 'ReadOnly', ...options });
const primary = (location = aBackupStorageLocation()) =>
  aPrimary({
    veleroSchedules: [aSchedule()],
    veleroBackups: [aBackup('hourly-1', { startedAgo: hour })],
    veleroBackupStorageLocations: [location],
  });
const reserveWith = (
  location = readOnly(),
  backups = [aBackup('hourly-1', { startedAgo: hour })],
) =>
  aReserve({
    veleroBackupStorageLocations: [location],
    veleroBackups: backups,
  });

describe('backup.location', () => {
  it('passes with an off-site location that a ReadOnly reserve location reads, newest backup visible', () => {
    const result = checkBackupLocation(
      anEntityView({ primary: primary(), reserves: [reserveWith()] }),
    );
    expect(result.state).toBe('pass');
    expect(result.clusters.map(c => c.message)).toEqual([
      "backups/prod-fra is Available and off prod-fra's site",
      'reserve-ams reads backups/prod-fra (ReadOnly) and sees the newest backup',
    ]);
  });

  it("fails a location in the primary's region", () => {
    const view = anEntityView({
      primary: primary(
        aBackupStorageLocation({ config: { region: 'eu-central' } }),
      ),
      reserves: [reserveWith()],
    });
    expect(checkBackupLocation(view).message).toBe(
      "BackupStorageLocation default stores backups in eu-central, the primary's own region",
    );
  });

  it('warns about a ReadWrite location on the reserve', () => {
    const view = anEntityView({
      primary: primary(),
      reserves: [reserveWith(aBackupStorageLocation())],
    });
    expect(checkBackupLocation(view)).toMatchObject({
      state: 'warn',
      message: expect.stringContaining('make it ReadOnly'),
    });
  });

  it('warns about a reserve location that stopped syncing', () => {
    const view = anEntityView({
      primary: primary(),
      reserves: [reserveWith(readOnly({ lastSyncedAgo: hour }))],
    });
    expect(checkBackupLocation(view).message).toBe(
      'BackupStorageLocation default on reserve-ams last synced 1 h ago',
    );
  });

  it('fails when the newest backup has long been missing on the reserve', () => {
    const view = anEntityView({
      primary: primary(),
      reserves: [reserveWith(readOnly(), [])],
    });
    expect(checkBackupLocation(view)).toMatchObject({
      state: 'fail',
      // Started an hour ago and took 2 minutes.
      message:
        'backup hourly-1 is not visible on reserve-ams although it completed 58 min ago',
    });
  });

  it('only warns while a backup that just completed has not synced to the reserve yet', () => {
    const view = anEntityView({
      primary: aPrimary({
        veleroSchedules: [aSchedule()],
        veleroBackups: [
          aBackup('hourly-2', { startedAgo: 4 * 60_000 }),
          aBackup('hourly-1', { startedAgo: hour }),
        ],
        veleroBackupStorageLocations: [aBackupStorageLocation()],
      }),
      reserves: [reserveWith()],
    });
    expect(checkBackupLocation(view)).toMatchObject({
      state: 'warn',
      message: 'the newest backup hourly-2 is not visible on reserve-ams yet',
    });
  });

  it('fails a reserve without a location on the same bucket and prefix', () => {
    const view = anEntityView({
      primary: primary(),
      reserves: [reserveWith(readOnly({ prefix: 'reserve-ams' }))],
    });
    expect(checkBackupLocation(view).message).toBe(
      'reserve-ams has no BackupStorageLocation on backups/prod-fra',
    );
  });

  it('fails an Unavailable primary location', () => {
    const view = anEntityView({
      primary: primary(aBackupStorageLocation({ phase: 'Unavailable' })),
      reserves: [reserveWith()],
    });
    expect(checkBackupLocation(view).message).toBe(
      'BackupStorageLocation default on prod-fra is Unavailable',
    );
  });

  it('fails when Velero is missing on the primary or on the reserve', () => {
    expect(
      checkBackupLocation(anEntityView({ primary: withoutVelero(primary()) }))
        .state,
    ).toBe('fail');
    const view = anEntityView({
      primary: primary(),
      reserves: [withoutVelero(aReserve())],
    });
    expect(checkBackupLocation(view).message).toBe(
      'Velero is not installed on reserve-ams: it cannot restore',
    );
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      primary: primary(),
      reserves: [unreachable(reserveWith())],
    });
    expect(checkBackupLocation(view).state).toBe('unknown');
  });

  it('checks only the primary part in mode none', () => {
    const view = anEntityView({ primary: primary(), reserves: [] });
    view.policy.mode = 'none';
    expect(checkBackupLocation(view)).toMatchObject({
      state: 'pass',
      clusters: [{ cluster: 'prod-fra' }],
    });
  });
});
