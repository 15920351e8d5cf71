import {
  aBackup,
  aDeployment,
  aDrill,
  aPrimary,
  aReserve,
  aRestore,
  aSchedule,
  anEntityView,
  day,
  hour,
  labelled,
  unreachable,
  withoutVelero,
} from '../view/__fixtures__/builders';
import { EntityView } from '../view/EntityView';
import { buildEntityBackups, listedBackups } from './backupsSection';
import { evaluateEntity } from './evaluate';

// The section as the report builds it: beside the checks evaluated on the same view.
const backupsOf = (view: EntityView) =>
  buildEntityBackups(view, evaluateEntity(view).checks);

const api = labelled(aDeployment('api'), { app: 'api' });

describe('buildEntityBackups', () => {
  it('takes the RPO status from the evaluated backup.fresh, unknown without it', () => {
    const view = anEntityView({ primary: aPrimary({ deployments: [api] }) });
    const fresh = {
      id: 'backup.fresh',
      state: 'fail',
      message: 'the newest restore point is 3 d old',
    } as const;
    expect(
      buildEntityBackups(view, [
        { ...evaluateEntity(view).checks[0], ...fresh },
      ]).rpo,
    ).toMatchObject({ state: 'fail', message: fresh.message });
    expect(buildEntityBackups(view, []).rpo).toMatchObject({
      state: 'unknown',
      message: 'backup.fresh was not evaluated',
    });
  });

  it('lists covering schedules with next run, largest gap and last good backup', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [api],
        veleroSchedules: [
          aSchedule(),
          aSchedule('weekly', { paused: true, cron: '0 2 * * 0' }),
        ],
        veleroBackups: [
          aBackup('hourly-2', { phase: 'InProgress', startedAgo: 0 }),
          aBackup('hourly-1'),
        ],
      }),
    });
    const { schedules } = backupsOf(view);
    expect(schedules).toEqual([
      expect.objectContaining({
        name: 'hourly',
        state: 'enabled',
        nextRunAt: '2026-03-01T13:00:00.000Z',
        largestGapMs: hour,
        lastSubmittedAt: '2026-03-01T11:40:00.000Z',
        lastGoodBackup: expect.objectContaining({
          name: 'hourly-1',
          startedAt: '2026-03-01T11:40:00.000Z',
        }),
        uncovered: [],
        volumes: 'fs-backup',
      }),
      expect.objectContaining({
        name: 'weekly',
        state: 'paused',
        largestGapMs: 7 * day,
      }),
    ]);
    expect(schedules[1]).not.toHaveProperty('nextRunAt');
  });

  it('lists the newest 20 backups once, with where each is visible', () => {
    const backups = Array.from({ length: 25 }, (_, i) =>
      aBackup(`hourly-${i}`, { startedAgo: i * hour }),
    );
    const view = anEntityView({
      primary: aPrimary({ veleroBackups: backups }),
      reserves: [aReserve({ veleroBackups: backups.slice(1) })],
    });
    const listed = backupsOf(view).backups;
    expect(listed).toHaveLength(listedBackups);
    expect(listed[0]).toMatchObject({
      cluster: 'prod-fra',
      name: 'hourly-0',
      phase: 'Completed',
      phaseClass: 'restore-point',
      durationMs: 120_000,
      visibleOn: [],
      missingOn: ['reserve-ams'],
    });
    expect(listed[1]).toMatchObject({
      name: 'hourly-1',
      visibleOn: ['reserve-ams'],
      missingOn: [],
    });
  });

  it('states the recovery point against the RPO and the schedule interval', () => {
    const view = anEntityView({
      primary: aPrimary({
        veleroSchedules: [aSchedule()],
        veleroBackups: [aBackup('hourly-1', { startedAgo: 3 * hour })],
      }),
    });
    expect(backupsOf(view).rpo).toMatchObject({
      state: 'warn',
      target: { text: '24h' },
      recoveryPoint: { name: 'hourly-1' },
      ageMs: 3 * hour,
      scheduleIntervalMs: hour,
    });
  });

  it('includes recorded and live drills, and says where Velero is missing', () => {
    const view = anEntityView({
      primary: withoutVelero(aPrimary()),
      reserves: [
        aReserve({ veleroRestores: [aRestore('live-drill', 'hourly-1')] }),
      ],
      drills: [aDrill(10 * day)],
    });
    const section = backupsOf(view);
    expect(section.drills.map(d => d.restoreName)).toEqual([
      'live-drill',
      `shop-drill-${10 * day}`,
    ]);
    expect(section.problems).toEqual(['Velero is not installed on prod-fra']);
    expect(section.rpo).toMatchObject({
      state: 'fail',
      message: 'Velero is not installed on prod-fra',
    });
  });

  describe('with the primary unreachable', () => {
    // The schedule selects the entity's workloads by label: it covers them only as far as
    // the primary's last known workloads say.
    const byLabel = aSchedule('hourly', {
      template: {
        includedNamespaces: ['shop'],
        labelSelector: { matchLabels: { app: 'api' } },
        storageLocation: 'default',
      },
    });
    const view = () =>
      anEntityView({
        primary: unreachable(
          aPrimary({
            deployments: [api],
            veleroSchedules: [byLabel],
            veleroBackups: [aBackup('hourly-old', { startedAgo: 5 * hour })],
          }),
        ),
        reserves: [
          aReserve({
            veleroBackups: [
              aBackup('hourly-old', { startedAgo: 5 * hour }),
              aBackup('hourly-new', { startedAgo: 2 * hour }),
            ],
          }),
        ],
      });

    it("takes the recovery point a reserve's location lists, named with it", () => {
      expect(backupsOf(view()).rpo).toMatchObject({
        state: 'pass',
        message:
          "Backup hourly-new seen through reserve-ams's location default, the newest restore point, started 2 h ago, within the RPO of 24 h",
        recoveryPoint: { cluster: 'reserve-ams', name: 'hourly-new' },
        ageMs: 2 * hour,
      });
    });

    it("lists the primary's Schedules as last known, and says they are", () => {
      const section = backupsOf(view());
      expect(section.schedules.map(s => [s.cluster, s.name])).toEqual([
        ['prod-fra', 'hourly'],
      ]);
      expect(section.problems).toEqual([
        'prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443; its Schedules and backups are shown as last known 2026-03-01T11:59:30Z',
      ]);
    });
  });
});
