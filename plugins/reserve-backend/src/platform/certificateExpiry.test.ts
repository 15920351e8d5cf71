import { assessExpiry } from './certificateExpiry';
import { defaultPlatformThresholds } from './thresholds';

const now = new Date('2026-11-22T12:00:00Z');
const inDays = (days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString();
const assess = (notAfter?: string) =>
  assessExpiry(notAfter, now, defaultPlatformThresholds);

describe('assessExpiry', () => {
  it('passes beyond certWarning, warns under it, fails under 7 days and once expired', () => {
    expect(assess(inDays(31))).toMatchObject({ state: 'pass', daysLeft: 31 });
    expect(assess(inDays(29))).toMatchObject({ state: 'warn', daysLeft: 29 });
    expect(assess(inDays(6.5))).toMatchObject({ state: 'fail', daysLeft: 6 });
    expect(assess(inDays(-2))).toMatchObject({
      state: 'fail',
      text: 'expired on 2026-11-20',
    });
  });

  it('treats exactly 7 days left as a warning, not a failure', () => {
    expect(assess(inDays(7)).state).toBe('warn');
  });

  it('is unknown without a readable date', () => {
    expect(assess(undefined).state).toBe('unknown');
    expect(assess('soon').state).toBe('unknown');
  });
});
