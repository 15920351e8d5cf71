import { daysUntil, formatAgo, formatDuration } from './age';

describe('age', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('formats durations in their largest whole unit', () => {
    expect(formatDuration(500)).toBe('0 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3 * 3_600_000 + 5)).toBe('3 h');
    expect(formatDuration(2 * 86_400_000)).toBe('2 d');
  });

  it('says how long ago a date was', () => {
    expect(formatAgo('2026-03-01T11:57:00Z', now)).toBe('3 min ago');
  });

  it('counts whole days until a date, negative once passed', () => {
    expect(daysUntil('2026-03-11T12:00:00Z', now)).toBe(10);
    expect(daysUntil('2026-02-27T12:00:00Z', now)).toBe(-2);
  });
});
