import {
  aBackupSpec,
  aDeployment,
  aPrimary,
  aSchedule,
  anEntityView,
  hour,
  labelled,
  unreachable,
  withoutKind,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkBackupSchedule } from './schedule';

const api = labelled(aDeployment('api'), { app: 'api' });
const worker = labelled(aDeployment('worker'), { app: 'worker' });
const viewWith = (...veleroSchedules: ReturnType<typeof aSchedule>[]) =>
  anEntityView({
    primary: aPrimary({ deployments: [api, worker], veleroSchedules }),
  });

describe('backup.schedule', () => {
  it('passes with an enabled hourly schedule of the namespace', () => {
    expect(checkBackupSchedule(viewWith(aSchedule()))).toMatchObject({
      state: 'pass',
      message:
        'Schedule hourly (0 * * * *) on prod-fra covers the entity, at most 1 h between runs (RPO 24 h)',
    });
  });

  it('warns when the only covering schedule selects some workloads by label', () => {
    const template = aBackupSpec({
      labelSelector: { matchLabels: { app: 'api' } },
    });
    expect(
      checkBackupSchedule(viewWith(aSchedule('api-only', { template }))),
    ).toMatchObject({
      state: 'warn',
      message:
        'Schedule api-only leaves out Deployment shop/worker: labels not selected',
    });
  });

  it('fails a paused schedule: Velero has no Paused phase, spec.paused says it', () => {
    expect(
      checkBackupSchedule(viewWith(aSchedule('hourly', { paused: true }))),
    ).toMatchObject({
      state: 'fail',
      message: 'Schedule hourly is paused',
    });
  });

  it('fails a schedule that failed validation, with its validation errors', () => {
    const schedule = aSchedule('hourly', {
      cron: '0 0 * * * *',
      phase: 'FailedValidation',
      validationErrors: [
        'invalid schedule: expected exactly 5 fields, found 6',
      ],
    });
    expect(checkBackupSchedule(viewWith(schedule)).message).toBe(
      'Schedule hourly failed validation: invalid schedule: expected exactly 5 fields, found 6',
    );
  });

  it('fails a weekday-only schedule whose weekend gap exceeds the RPO', () => {
    // Friday 02:00 to Monday 02:00: exactly three days.
    expect(
      checkBackupSchedule(
        viewWith(aSchedule('nightly', { cron: '0 2 * * 1-5' })),
      ),
    ).toMatchObject({
      state: 'fail',
      message:
        'Schedule nightly leaves 3 d between runs at its largest gap, more than the RPO of 24 h',
    });
  });

  it('states the weekend gap of a twice-a-weekday schedule exactly: 62 h, not 3 days', () => {
    // Friday 20:00 to Monday 10:00 is 2 × 24 h + 14 h = 62 h.
    expect(
      checkBackupSchedule(
        viewWith(aSchedule('office-hours', { cron: '0 10,20 * * 1-5' })),
      ).message,
    ).toBe(
      'Schedule office-hours leaves 62 h between runs at its largest gap, more than the RPO of 24 h',
    );
  });

  it('states the RPO in the same exact units as the gap', () => {
    const view = viewWith(aSchedule('every-4h', { cron: '0 */4 * * *' }));
    view.policy.rpo = { ms: 3 * hour + 15 * 60_000, text: '195m' };
    expect(checkBackupSchedule(view).message).toBe(
      'Schedule every-4h leaves 4 h between runs at its largest gap, more than the RPO of 3 h 15 min',
    );
  });

  it('passes when one good schedule covers the entity despite a broken one', () => {
    const view = viewWith(aSchedule('broken', { paused: true }), aSchedule());
    expect(checkBackupSchedule(view).state).toBe('pass');
  });

  it('fails when no schedule covers the namespace, with globs read as Velero does', () => {
    const template = aBackupSpec({
      includedNamespaces: ['*'],
      excludedNamespaces: ['sh?p'],
    });
    expect(
      checkBackupSchedule(viewWith(aSchedule('all-but-shop', { template }))),
    ).toMatchObject({
      state: 'fail',
      message:
        "No Velero Schedule on prod-fra covers the entity's namespaces shop",
    });
  });

  it('fails when Velero is not installed on the primary', () => {
    expect(
      checkBackupSchedule(anEntityView({ primary: withoutVelero(aPrimary()) })),
    ).toMatchObject({
      state: 'fail',
      message: 'Velero is not installed on prod-fra',
    });
  });

  it('is unknown when Schedules cannot be read or the primary is unreachable', () => {
    const forbidden = anEntityView({
      primary: withoutKind(aPrimary(), 'veleroSchedules'),
    });
    expect(checkBackupSchedule(forbidden)).toMatchObject({
      state: 'unknown',
      message: 'schedules.velero.io forbidden on prod-fra',
    });
    expect(
      checkBackupSchedule(anEntityView({ primary: unreachable(aPrimary()) }))
        .state,
    ).toBe('unknown');
  });

  it('judges a whole-namespace schedule even when the CronJobs cannot be listed', () => {
    const view = anEntityView({
      primary: withoutKind(
        aPrimary({ deployments: [api], veleroSchedules: [aSchedule()] }),
        'cronJobs',
      ),
    });
    expect(checkBackupSchedule(view).state).toBe('pass');
  });

  it('is unknown when the CronJobs cannot be listed and a schedule selects by labels', () => {
    const template = aBackupSpec({
      labelSelector: { matchLabels: { app: 'api' } },
    });
    const view = anEntityView({
      primary: withoutKind(
        aPrimary({
          deployments: [api],
          veleroSchedules: [aSchedule('api-only', { template })],
        }),
        'cronJobs',
      ),
    });
    expect(checkBackupSchedule(view)).toMatchObject({
      state: 'unknown',
      message: 'cronjobs forbidden on prod-fra',
    });
  });

  it('still applies to an entity without a reserve (mode none): data loss matters anyway', () => {
    const view = { ...viewWith(aSchedule()), reserves: [] };
    view.policy.mode = 'none';
    expect(checkBackupSchedule(view).state).toBe('pass');
  });
});
