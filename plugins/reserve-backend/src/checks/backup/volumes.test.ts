import {
  aBackup,
  aBackupSpec,
  aClusterSide,
  aPersistentVolumeClaim,
  aPrimary,
  aReserve,
  aSchedule,
  aStatefulSet,
  anEntityView,
  primaryFacts,
  reserveFacts,
  withoutKind,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkBackupVolumes } from './volumes';

const withTemplate = (
  template: ReturnType<typeof aBackupSpec>,
  reserves = [aReserve()],
) =>
  anEntityView({
    primary: aPrimary({
      persistentVolumeClaims: [aPersistentVolumeClaim('data', 'fast-ssd')],
      veleroSchedules: [aSchedule('hourly', { template })],
    }),
    reserves,
  });
const snapshotsOnly = aBackupSpec({
  defaultVolumesToFsBackup: false,
  snapshotVolumes: true,
});

describe('backup.volumes', () => {
  it('passes with file-system backup, which any reserve can restore', () => {
    expect(checkBackupVolumes(withTemplate(aBackupSpec()))).toMatchObject({
      state: 'pass',
      message:
        'Schedule hourly copies volume data to object storage (file-system backup): reserve-ams can restore it',
    });
  });

  it('passes with snapshot data movement', () => {
    const template = aBackupSpec({
      defaultVolumesToFsBackup: false,
      snapshotMoveData: true,
    });
    expect(checkBackupVolumes(withTemplate(template)).state).toBe('pass');
  });

  it('fails cloud snapshots when the reserve is at another provider or region', () => {
    expect(checkBackupVolumes(withTemplate(snapshotsOnly))).toMatchObject({
      state: 'fail',
      message:
        'Schedule hourly keeps volumes as cloud snapshots, which do not reach reserve-ams in digitalocean eu-west: use file-system backup or snapshotMoveData',
    });
  });

  it('passes cloud snapshots for a reserve in the same provider and region', () => {
    const sameRegion = aClusterSide({
      ...reserveFacts,
      provider: primaryFacts.provider,
      region: primaryFacts.region,
    });
    expect(
      checkBackupVolumes(withTemplate(snapshotsOnly, [sameRegion])).state,
    ).toBe('pass');
  });

  it('warns about cloud snapshots when the reserve has no provider or region configured', () => {
    const vague = aClusterSide({ name: 'reserve-x', role: 'reserve' });
    expect(checkBackupVolumes(withTemplate(snapshotsOnly, [vague])).state).toBe(
      'warn',
    );
  });

  it('fails when the backup keeps no volume data at all', () => {
    const template = aBackupSpec({
      defaultVolumesToFsBackup: false,
      snapshotVolumes: false,
    });
    expect(checkBackupVolumes(withTemplate(template)).message).toBe(
      'Schedule hourly keeps no volume data (snapshotVolumes false, no file-system backup)',
    );
  });

  it('fails when the backup leaves the claims out', () => {
    const template = aBackupSpec({ excludedResources: ['pvc'] });
    expect(checkBackupVolumes(withTemplate(template)).message).toBe(
      'Schedule hourly leaves out PersistentVolumeClaim shop/data',
    );
  });

  it('falls back to the newest Completed backup when no schedule runs', () => {
    const view = anEntityView({
      primary: aPrimary({
        persistentVolumeClaims: [aPersistentVolumeClaim('data')],
        veleroBackups: [aBackup('manual', { spec: snapshotsOnly })],
      }),
    });
    expect(checkBackupVolumes(view).message).toMatch(
      /^backup manual keeps volumes as cloud snapshots/,
    );
  });

  it('judges the primary alone in mode none, where snapshots are enough', () => {
    const view = withTemplate(snapshotsOnly, []);
    view.policy.mode = 'none';
    expect(checkBackupVolumes(view)).toMatchObject({
      state: 'pass',
      clusters: [{ cluster: 'prod-fra' }],
    });
  });

  it('does not apply to an entity without persistent volumes', () => {
    expect(checkBackupVolumes(anEntityView()).state).toBe('not-applicable');
  });

  it('fails volumes when Velero is not installed on the primary', () => {
    const primary = aPrimary({
      persistentVolumeClaims: [aPersistentVolumeClaim('data', 'fast-ssd')],
    });
    expect(
      checkBackupVolumes(anEntityView({ primary: withoutVelero(primary) })),
    ).toMatchObject({
      state: 'fail',
      message: 'Velero is not installed on prod-fra',
    });
  });

  it('is unknown when claims cannot be read', () => {
    const view = anEntityView({
      primary: withoutKind(aPrimary(), 'persistentVolumeClaims'),
    });
    expect(checkBackupVolumes(view)).toMatchObject({
      state: 'unknown',
      message: 'persistentvolumeclaims forbidden on prod-fra',
    });
  });

  it('does not apply to an entity without volumes even when the Velero Schedules cannot be listed', () => {
    const view = anEntityView({
      primary: withoutKind(aPrimary(), 'veleroSchedules', 'failed'),
    });
    expect(checkBackupVolumes(view)).toMatchObject({
      state: 'not-applicable',
      message: 'The entity has no persistent volumes',
    });
  });

  it('does not apply to an entity without volumes on a primary without Velero', () => {
    expect(
      checkBackupVolumes(anEntityView({ primary: withoutVelero(aPrimary()) }))
        .state,
    ).toBe('not-applicable');
  });

  it("applies to a StatefulSet's volumeClaimTemplates before any claim exists", () => {
    const statefulSet = aStatefulSet('db');
    statefulSet.spec!.volumeClaimTemplates = [{ metadata: { name: 'data' } }];
    const view = anEntityView({
      primary: withoutKind(
        aPrimary({ statefulSets: [statefulSet] }),
        'veleroSchedules',
      ),
    });
    expect(checkBackupVolumes(view)).toMatchObject({
      state: 'unknown',
      message: 'schedules.velero.io forbidden on prod-fra',
    });
  });
});
