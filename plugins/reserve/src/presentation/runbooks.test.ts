import { responseError } from '../__testUtils__/responseError';
import {
  describeTick,
  describeTickError,
  describeTickExpiry,
  describeUnavailable,
} from './runbooks';

describe('runbook wording', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const tick = {
    by: 'user:default/alice',
    at: '2026-02-27T12:00:00Z',
    expiresAt: '2026-03-29T12:00:00Z',
  };

  it('says who ticked and when, and when the tick expires or expired', () => {
    expect(describeTick(tick, now)).toBe('Ticked by alice 48 h ago');
    expect(describeTickExpiry(tick, now)).toBe('expires in 28 d (2026-03-29)');
    expect(
      describeTickExpiry({ ...tick, expiresAt: '2026-02-28T12:00:00Z' }, now),
    ).toBe('expired 24 h ago (2026-02-28)');
  });

  it('starts every unavailable reason with "Not available yet" exactly once', () => {
    expect(describeUnavailable('Not available yet: soon.')).toBe(
      'Not available yet: soon.',
    );
    expect(describeUnavailable('the actions arrive later')).toBe(
      'Not available yet: the actions arrive later',
    );
  });

  it('tells a refusal from another failure', async () => {
    expect(
      describeTickError(await responseError(403, 'NotAllowedError', 'Nope')),
    ).toBe('You may not tick this item: Nope');
    expect(
      describeTickError(
        await responseError(400, 'InputError', 'item: unknown id x'),
      ),
    ).toBe('Could not save the tick: 400: item: unknown id x');
  });
});
