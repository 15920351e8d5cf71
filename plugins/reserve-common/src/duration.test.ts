import { formatDuration } from './duration';

const s = 1_000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;

describe('formatDuration', () => {
  it('states seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45 * s)).toBe('45 s');
    expect(formatDuration(59 * s + 999)).toBe('59 s');
  });

  it('does not call a nonzero duration under a second zero', () => {
    expect(formatDuration(400)).toBe('under 1 s');
  });

  it('keeps the seconds of a duration under 10 minutes', () => {
    expect(formatDuration(2 * min + 5 * s)).toBe('2 min 5 s');
    expect(formatDuration(9 * min + 59 * s)).toBe('9 min 59 s');
  });

  it('states whole minutes without seconds', () => {
    expect(formatDuration(2 * min)).toBe('2 min');
    expect(formatDuration(12 * min)).toBe('12 min');
    expect(formatDuration(12 * min + 40 * s)).toBe('12 min');
  });

  it('states hours and minutes under 72 hours: an RPO miss of 15 minutes shows', () => {
    expect(formatDuration(3 * h + 15 * min)).toBe('3 h 15 min');
    expect(formatDuration(3 * h)).toBe('3 h');
    expect(formatDuration(1 * h + 1 * min)).toBe('1 h 1 min');
    expect(formatDuration(71 * h + 59 * min)).toBe('71 h 59 min');
  });

  it('states a 62-hour weekend gap as 62 h, not as days', () => {
    expect(formatDuration(62 * h)).toBe('62 h');
  });

  it('states days and hours from 72 hours on', () => {
    expect(formatDuration(72 * h)).toBe('3 d');
    expect(formatDuration(4 * d + 6 * h)).toBe('4 d 6 h');
    expect(formatDuration(90 * d)).toBe('90 d');
    expect(formatDuration(7 * d + 5 * min)).toBe('7 d');
  });

  it('never rounds up: 2 h 59 min 59 s is 2 h 59 min', () => {
    expect(formatDuration(3 * h - s)).toBe('2 h 59 min');
  });

  it('keeps the sign of a negative duration', () => {
    expect(formatDuration(-(3 * h + 15 * min))).toBe('-3 h 15 min');
  });

  it('refuses a duration that is not a number', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
