import {
  aBackup,
  aDeployment,
  aPrimary,
  aSchedule,
  anEntityView,
  day,
  hour,
  labelled,
  withoutKind,
  withoutVelero,
} from '../__fixtures__/builders';
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
        'The newest restore point, backup hourly-1 started 20m ago, is within the RPO of 24h',
    });
  });

  it('warns past twice the schedule interval: Velero never catches up missed runs', () => {
    expect(
      checkBackupFresh(viewWith(aBackup('hourly-1', { startedAgo: 3 * hour }))),
    ).toMatchObject({
      state: 'warn',
      message: expect.stringContaining(
        'more than twice the schedule interval of 1h',
      ),
    });
  });

  it('fails when the newest restore point is older than the RPO', () => {
    expect(
      checkBackupFresh(viewWith(aBackup('hourly-1', { startedAgo: 2 * day })))
        .state,
    ).toBe('fail');
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
        'The newest restore point, backup hourly-1 started 1d ago, is older than the RPO of 24h',
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
