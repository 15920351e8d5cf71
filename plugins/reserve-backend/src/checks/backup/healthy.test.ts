import {
  aBackup,
  aPrimary,
  anEntityView,
  hour,
  withoutKind,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkBackupHealthy } from './healthy';

const viewWith = (...veleroBackups: ReturnType<typeof aBackup>[]) =>
  anEntityView({ primary: aPrimary({ veleroBackups }) });
const completed = (n: number) =>
  aBackup(`hourly-${n}`, { startedAgo: n * hour });

describe('backup.healthy', () => {
  it('passes when the last five finished backups completed', () => {
    expect(
      checkBackupHealthy(viewWith(completed(1), completed(2), completed(3))),
    ).toMatchObject({
      state: 'pass',
      message: 'The last 3 backups of the entity on prod-fra completed',
    });
  });

  it('warns about a PartiallyFailed backup', () => {
    const view = viewWith(
      completed(1),
      aBackup('hourly-2', {
        phase: 'PartiallyFailed',
        errors: 3,
        startedAgo: 2 * hour,
      }),
    );
    expect(checkBackupHealthy(view)).toMatchObject({
      state: 'warn',
      message: 'backup hourly-2 PartiallyFailed with 3 errors',
    });
  });

  it('fails a Failed or FailedValidation backup among the last five', () => {
    const view = viewWith(
      completed(1),
      aBackup('manual', {
        phase: 'FailedValidation',
        validationErrors: [
          'an existing backup storage location was not specified',
        ],
      }),
    );
    expect(checkBackupHealthy(view)).toMatchObject({
      state: 'fail',
      message:
        'backup manual FailedValidation: an existing backup storage location was not specified',
    });
  });

  it('forgets failures older than the last five finished backups, and ignores running ones', () => {
    const view = viewWith(
      aBackup('hourly-0', { phase: 'InProgress', startedAgo: 0 }),
      ...[1, 2, 3, 4, 5].map(completed),
      aBackup('hourly-6', { phase: 'Failed', startedAgo: 6 * hour }),
    );
    expect(checkBackupHealthy(view).state).toBe('pass');
  });

  it('fails without any finished backup of the entity', () => {
    expect(checkBackupHealthy(viewWith()).message).toBe(
      'No finished backup on prod-fra covers the entity',
    );
  });

  it('fails when Velero is not installed on the primary', () => {
    expect(
      checkBackupHealthy(anEntityView({ primary: withoutVelero(aPrimary()) }))
        .state,
    ).toBe('fail');
  });

  it('is unknown when Backups are forbidden', () => {
    expect(
      checkBackupHealthy(
        anEntityView({ primary: withoutKind(aPrimary(), 'veleroBackups') }),
      ).state,
    ).toBe('unknown');
  });
});
