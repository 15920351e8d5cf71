import {
  aBackupSpec,
  aDeployment,
  aPrimary,
  aSchedule,
  anEntityView,
  labelled,
  unreachable,
  withoutKind,
  withoutVelero,
} from '../__fixtures__/builders';
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
        'Schedule hourly (0 * * * *) on prod-fra covers the entity, at most 1h between runs (RPO 24h)',
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
    expect(
      checkBackupSchedule(
        viewWith(aSchedule('nightly', { cron: '0 2 * * 1-5' })),
      ),
    ).toMatchObject({
      state: 'fail',
      message:
        'Schedule nightly leaves up to 3d between runs, more than the RPO of 24h',
    });
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

  it('still applies to an entity without a reserve (mode none): data loss matters anyway', () => {
    const view = { ...viewWith(aSchedule()), reserves: [] };
    view.policy.mode = 'none';
    expect(checkBackupSchedule(view).state).toBe('pass');
  });
});
