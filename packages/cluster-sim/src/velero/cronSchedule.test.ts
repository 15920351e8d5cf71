import { parseVeleroSchedule } from './cronSchedule';
import { parseGoDuration } from './goDuration';
import { backupFromSchedule, backupTimestamp } from './scheduleController';

describe('Velero schedules', () => {
  it('computes the next run of five-field crons and descriptors in UTC', () => {
    const after = new Date('2025-03-10T03:30:00Z');
    expect(parseVeleroSchedule('0 3 * * *')(after).toISOString()).toBe(
      '2025-03-11T03:00:00.000Z',
    );
    expect(parseVeleroSchedule('@hourly')(after).toISOString()).toBe(
      '2025-03-10T04:00:00.000Z',
    );
    expect(parseVeleroSchedule('@every 90m')(after).toISOString()).toBe(
      '2025-03-10T05:00:00.000Z',
    );
  });

  it('rejects what Velero rejects', () => {
    expect(() => parseVeleroSchedule('*/5 * * * * *')).toThrow(
      'expected exactly 5 fields, found 6',
    );
    expect(() => parseVeleroSchedule('@sometimes')).toThrow(
      'unrecognized descriptor',
    );
    expect(() => parseVeleroSchedule('61 * * * *')).toThrow();
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('720h0m0s')).toBe(720 * 3600_000);
    expect(parseGoDuration('1h30m')).toBe(90 * 60_000);
    expect(parseGoDuration('3 days')).toBeUndefined();
  });

  it('names and labels scheduled backups like velero backup create --from-schedule', () => {
    const at = new Date('2025-03-10T03:00:07Z');
    expect(backupTimestamp(at)).toBe('20250310030007');
    const backup = backupFromSchedule(
      {
        metadata: {
          name: 'daily',
          namespace: 'velero',
          labels: { team: 'x' },
          annotations: { note: 'y' },
        },
        spec: {
          schedule: '0 3 * * *',
          template: {
            includedNamespaces: ['shop'],
            ttl: '24h0m0s',
            metadata: { labels: { tier: 'gold' } },
          },
        },
      },
      at,
    );
    expect(backup).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'daily-20250310030007',
        namespace: 'velero',
        labels: { team: 'x', tier: 'gold', 'velero.io/schedule-name': 'daily' },
        annotations: { note: 'y' },
      },
      spec: { includedNamespaces: ['shop'], ttl: '24h0m0s' },
    });
  });
});
