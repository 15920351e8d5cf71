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
  withoutVelero,
} from '../checks/__fixtures__/builders';
import { buildEntityBackups, listedBackups } from './backupsSection';

const api = labelled(aDeployment('api'), { app: 'api' });

describe('buildEntityBackups', () => {
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
    const { schedules } = buildEntityBackups(view);
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
    const listed = buildEntityBackups(view).backups;
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
    expect(buildEntityBackups(view).rpo).toMatchObject({
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
    const section = buildEntityBackups(view);
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
});
