import { parseGoDuration, scheduleTiming } from './cronSchedule';

const from = new Date('2026-03-01T12:00:00Z'); // a Sunday
const hour = 3_600_000;

describe('scheduleTiming', () => {
  it('finds the next run and a one-hour gap of an hourly cron', () => {
    expect(scheduleTiming('0 * * * *', from)).toEqual({
      nextRunAt: new Date('2026-03-01T13:00:00Z'),
      largestGapMs: hour,
    });
  });

  it('times every instant of a minute alike, and the next minute afresh', () => {
    const at = (iso: string) => scheduleTiming('*/30 * * * *', new Date(iso));
    expect(at('2026-11-22T10:29:05Z')).toEqual(at('2026-11-22T10:29:55Z'));
    expect(at('2026-11-22T10:29:05Z')).toEqual({
      nextRunAt: new Date('2026-11-22T10:30:00Z'),
      largestGapMs: 30 * 60_000,
    });
    expect(at('2026-11-22T10:30:00Z')).toEqual({
      nextRunAt: new Date('2026-11-22T11:00:00Z'),
      largestGapMs: 30 * 60_000,
    });
  });

  it('finds the weekend gap of a weekday-only schedule', () => {
    const timing = scheduleTiming('0 2 * * 1-5', from);
    expect(timing).toMatchObject({
      nextRunAt: new Date('2026-03-02T02:00:00Z'),
      largestGapMs: 72 * hour,
    });
  });

  it('finds the largest of uneven gaps', () => {
    expect(scheduleTiming('0 6,18,22 * * *', from)).toMatchObject({
      largestGapMs: 12 * hour,
    });
  });

  it('looks far enough ahead for monthly schedules', () => {
    expect(scheduleTiming('@monthly', from)).toMatchObject({
      largestGapMs: 31 * 24 * hour,
    });
  });

  it('reads the descriptors Velero accepts, @midnight included', () => {
    expect(scheduleTiming('@daily', from)).toMatchObject({
      largestGapMs: 24 * hour,
    });
    expect(scheduleTiming('@midnight', from)).toMatchObject({
      nextRunAt: new Date('2026-03-02T00:00:00Z'),
    });
  });

  it('runs @every schedules that long after the last backup', () => {
    const lastBackup = new Date('2026-03-01T11:30:00Z');
    expect(scheduleTiming('@every 1h30m', from, lastBackup)).toEqual({
      nextRunAt: new Date('2026-03-01T13:00:00Z'),
      largestGapMs: 1.5 * hour,
    });
  });

  it('makes an overdue @every schedule due now, as Velero runs it once on its next pass', () => {
    const lastBackup = new Date('2026-02-28T00:00:00Z');
    expect(scheduleTiming('@every 6h', from, lastBackup)).toEqual({
      nextRunAt: from,
      largestGapMs: 6 * hour,
    });
  });

  it('honours a CRON_TZ prefix', () => {
    expect(
      scheduleTiming('CRON_TZ=Europe/Berlin 0 3 * * *', from),
    ).toMatchObject({
      nextRunAt: new Date('2026-03-02T02:00:00Z'),
    });
  });

  it.each([
    ['0 0 * * * *', /5-field/],
    ['@weekdays', /not a schedule Velero understands/],
    ['@every soon', /no valid @every duration/],
    ['61 * * * *', /cannot be parsed/],
    ['', /5-field/],
  ])('rejects %p', (expression, problem) => {
    const timing = scheduleTiming(expression, from);
    expect('problem' in timing && timing.problem).toMatch(problem);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['1h', hour],
    ['1h30m', 1.5 * hour],
    ['1.5h', 1.5 * hour],
    ['90s', 90_000],
    ['72h0m0s', 72 * hour],
  ])('reads %s', (text, ms) => expect(parseGoDuration(text)).toBe(ms));

  it.each(['', '1d', 'h', '1h 30m'])('refuses %p', text =>
    expect(parseGoDuration(text)).toBeUndefined(),
  );
});
