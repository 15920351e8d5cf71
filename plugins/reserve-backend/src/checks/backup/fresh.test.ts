import {
  aBackup,
  aDeployment,
  aPrimary,
  aSchedule,
  anEntityView,
  ago,
  day,
  hour,
  labelled,
  withoutKind,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkBackupFresh } from './fresh';

const api = labelled(aDeployment('api'), { app: 'api' });
const viewWith = (...veleroBackups: ReturnType<typeof aBackup>[]) =>
  anEntityView({
    primary: aPrimary({
      deployments: [api],
      veleroSchedules: [aSchedule()],
      veleroBackups,
    }),
  });

describe('backup.fresh', () => {
  it('passes when the newest Completed backup started within the RPO', () => {
    expect(
      checkBackupFresh(
        viewWith(aBackup('hourly-1', { startedAgo: 20 * 60_000 })),
      ),
    ).toMatchObject({
      state: 'pass',
      message:
        'Backup hourly-1, the newest restore point, started 20 min ago, within the RPO of 24 h',
    });
  });

  it('warns past twice the schedule interval: Velero never catches up missed runs', () => {
    expect(
      checkBackupFresh(viewWith(aBackup('hourly-1', { startedAgo: 3 * hour }))),
    ).toMatchObject({
      state: 'warn',
      message: expect.stringContaining(
        'within the RPO of 24 h but more than twice the schedule interval of 1 h: runs were missed',
      ),
    });
  });

  it('fails when the newest restore point is older than the RPO', () => {
    expect(
      checkBackupFresh(viewWith(aBackup('hourly-1', { startedAgo: 2 * day })))
        .state,
    ).toBe('fail');
  });

  it('states how far past the RPO the restore point is: 3 h 15 min against 3 h', () => {
    const view = viewWith(
      aBackup('hourly-1', { startedAgo: 3 * hour + 15 * 60_000 }),
    );
    view.policy.rpo = { ms: 3 * hour, text: '3h' };
    expect(checkBackupFresh(view)).toMatchObject({
      state: 'fail',
      message:
        'Backup hourly-1, the newest restore point, started 3 h 15 min ago, older than the RPO of 3 h',
    });
  });

  it('measures from startTimestamp: a backup that finished 23 h ago but started 25 h ago misses a 24 h RPO', () => {
    const backup = aBackup('daily-1', { startedAgo: 25 * hour });
    backup.status = { ...backup.status, completionTimestamp: ago(23 * hour) };
    expect(checkBackupFresh(viewWith(backup)).state).toBe('fail');
  });

  it("does not take a Schedule's status.lastBackup for a completed backup", () => {
    // The hourly Schedule submitted a backup 20 minutes ago; it is still running.
    const view = viewWith(
      aBackup('hourly-2', { phase: 'InProgress', startedAgo: 20 * 60_000 }),
      aBackup('hourly-1', { startedAgo: 2 * day }),
    );
    expect(checkBackupFresh(view)).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('started 48 h ago, older than the RPO'),
    });
  });

  it('fails a restore point past the RPO even when Schedules cannot be listed', () => {
    const view = anEntityView({
      primary: withoutKind(
        aPrimary({
          deployments: [api],
          veleroBackups: [aBackup('hourly-1', { startedAgo: 2 * day })],
        }),
        'veleroSchedules',
      ),
    });
    expect(checkBackupFresh(view).state).toBe('fail');
  });

  it('is unknown within the RPO when Schedules cannot be listed: missed runs cannot be told', () => {
    const view = anEntityView({
      primary: withoutKind(
        aPrimary({
          deployments: [api],
          veleroBackups: [aBackup('hourly-1', { startedAgo: 3 * hour })],
        }),
        'veleroSchedules',
      ),
    });
    expect(checkBackupFresh(view)).toMatchObject({
      state: 'unknown',
      message:
        'Backup hourly-1, the newest restore point, started 3 h ago, within the RPO of 24 h; whether runs were missed is unknown: schedules.velero.io forbidden on prod-fra',
    });
  });

  it('does not count backups that are not Completed as restore points', () => {
    const view = viewWith(
      aBackup('hourly-3', {
        phase: 'WaitingForPluginOperations',
        startedAgo: 5 * 60_000,
      }),
      aBackup('hourly-2', { phase: 'PartiallyFailed', startedAgo: hour }),
      aBackup('hourly-1', { startedAgo: 30 * hour }),
    );
    expect(checkBackupFresh(view)).toMatchObject({
      state: 'fail',
      message:
        'Backup hourly-1, the newest restore point, started 30 h ago, older than the RPO of 24 h',
    });
  });

  it('fails without any Completed backup covering the entity', () => {
    expect(
      checkBackupFresh(viewWith(aBackup('hourly-1', { phase: 'Queued' }))),
    ).toMatchObject({
      state: 'fail',
      message:
        'No Completed backup on prod-fra covers the entity (1 still in progress): there is no restore point',
    });
  });

  it('fails when Velero is not installed on the primary', () => {
    expect(
      checkBackupFresh(anEntityView({ primary: withoutVelero(aPrimary()) }))
        .message,
    ).toBe('Velero is not installed on prod-fra');
  });

  it('is unknown when Backups cannot be read', () => {
    expect(
      checkBackupFresh(
        anEntityView({
          primary: withoutKind(aPrimary(), 'veleroBackups', 'failed'),
        }),
      ).state,
    ).toBe('unknown');
  });
});
