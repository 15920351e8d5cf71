import { backup } from '../__testUtils__/backups';
import { layOutBackupTimeline, scaleRpoGauge } from './backups';

const HOUR = 3_600_000;

describe('layOutBackupTimeline', () => {
  it('runs from the oldest start to now, one lane per cluster, and sets aside backups not started', () => {
    const now = new Date();
    const layout = layOutBackupTimeline(
      [
        backup('newest', 1, { cluster: 'reserve-ams' }),
        backup('oldest', 10, { durationMs: undefined, completedAt: undefined }),
        backup('queued', 0, { startedAt: undefined, phase: 'New' }),
      ],
      now,
    );
    expect(layout.lanes).toEqual(['prod-fra', 'reserve-ams']);
    expect(layout.to).toBe(now.getTime());
    const [newest, oldest] = layout.marks;
    expect(oldest.start).toBe(0);
    expect(oldest.end).toBe(1);
    expect(newest.start).toBeCloseTo(0.9, 2);
    expect(newest.lane).toBe(1);
    expect(layout.unplaced.map(b => b.name)).toEqual(['queued']);
  });
});

describe('scaleRpoGauge', () => {
  it('fits the age, the target and the interval, the largest at 5/6 of the width', () => {
    const scale = scaleRpoGauge({
      state: 'warn',
      message: '',
      target: { ms: 4 * HOUR, text: '4h' },
      ageMs: 3 * HOUR,
      scheduleIntervalMs: 6 * HOUR,
    });
    expect(scale.interval).toBeCloseTo(1 / 1.2);
    expect(scale.target).toBeCloseTo(4 / 6 / 1.2);
    expect(scale.age).toBeCloseTo(3 / 6 / 1.2);
  });

  it('has no age without a recovery point', () => {
    expect(
      scaleRpoGauge({
        state: 'unknown',
        message: '',
        target: { ms: 4 * HOUR, text: '4h' },
      }).age,
    ).toBeUndefined();
  });
});
