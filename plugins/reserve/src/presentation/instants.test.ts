import {
  formatClockTime,
  formatDay,
  formatLocalTime,
  splitInstants,
} from './instants';

describe('instants in messages', () => {
  it('finds every ISO 8601 instant in a message, between its text', () => {
    expect(
      splitInstants(
        'prod-fra unreachable since 2026-12-06T14:02:00Z; last data 2026-12-06T14:01:10.500+01:00',
      ),
    ).toEqual([
      { kind: 'text', text: 'prod-fra unreachable since ' },
      { kind: 'instant', iso: '2026-12-06T14:02:00Z', at: false },
      { kind: 'text', text: '; last data ' },
      { kind: 'instant', iso: '2026-12-06T14:01:10.500+01:00', at: false },
    ]);
  });

  it('takes the "at" before an instant out of the text, so that it can read "6 s ago"', () => {
    expect(
      splitInstants('prod-fra answered at 2026-12-06T22:05:58.758Z.'),
    ).toEqual([
      { kind: 'text', text: 'prod-fra answered ' },
      { kind: 'instant', iso: '2026-12-06T22:05:58.758Z', at: true },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves dates without a time, and messages without instants, as they are', () => {
    expect(
      splitInstants('Certificate expires in 5 d (2026-12-12), under 7 d'),
    ).toEqual([
      {
        kind: 'text',
        text: 'Certificate expires in 5 d (2026-12-12), under 7 d',
      },
    ]);
    expect(splitInstants('')).toEqual([]);
  });

  it('writes an instant in local time with its zone', () => {
    expect(
      formatLocalTime('2026-12-06T14:02:00Z', {
        locale: 'en-GB',
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('6 Dec 2026, 15:02:00 CET');
  });

  it('writes the clock time alone for today, with the day otherwise', () => {
    const now = new Date('2026-12-06T18:00:00Z');
    const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
    expect(formatClockTime('2026-12-06T14:02:00Z', now, berlin)).toBe('15:02');
    expect(formatClockTime('2026-12-05T14:02:00Z', now, berlin)).toBe(
      '5 Dec, 15:02',
    );
    expect(formatClockTime('2025-12-05T14:02:00Z', now, berlin)).toBe(
      '5 Dec 2025, 15:02',
    );
  });

  it('writes the day alone, with the year when it is not this year', () => {
    const now = new Date('2026-12-06T18:00:00Z');
    const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
    // 23:30 UTC is the next day in Berlin.
    expect(formatDay('2026-11-06T23:30:00Z', now, berlin)).toBe('7 Nov');
    expect(formatDay('2025-11-07T10:00:00Z', now, berlin)).toBe('7 Nov 2025');
  });
});
