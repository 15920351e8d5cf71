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

  it('states the time left exactly: 6 days and 12 hours is not 6 days', () => {
    expect(assess(inDays(6.5)).text).toBe(
      'expires in 6 d 12 h (2026-11-29), under 7 d',
    );
    expect(assess(inDays(29)).text).toBe(
      'expires in 29 d (2026-12-21), under 30 d',
    );
    expect(assess(inDays(31)).text).toBe('valid until 2026-12-23 (31 d left)');
  });

  it('states a certificate expiring within three days in hours', () => {
    expect(assess(inDays(2.25)).text).toBe(
      'expires in 54 h (2026-11-24), under 7 d',
    );
  });

  it('treats exactly 7 days left as a warning, not a failure', () => {
    expect(assess(inDays(7)).state).toBe('warn');
  });

  it('is unknown without a readable date', () => {
    expect(assess(undefined).state).toBe('unknown');
    expect(assess('soon').state).toBe('unknown');
  });
});
