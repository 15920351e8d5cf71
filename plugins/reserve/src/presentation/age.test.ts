import { daysUntil, formatAgo } from './age';

describe('age', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('says how long ago a date was, exactly as measured', () => {
    expect(formatAgo('2026-03-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatAgo('2026-03-01T08:45:00Z', now)).toBe('3 h 15 min ago');
    expect(formatAgo('2026-03-01T11:59:59.500Z', now)).toBe('just now');
  });

  it('says how far ahead a future date is', () => {
    expect(formatAgo('2026-03-01T12:00:42Z', now)).toBe('in 42 s');
  });

  it('counts whole days until a date, negative once passed', () => {
    expect(daysUntil('2026-03-11T12:00:00Z', now)).toBe(10);
    expect(daysUntil('2026-02-27T12:00:00Z', now)).toBe(-2);
  });
});
