import { humanDuration } from './tablePrinting';

describe('the AGE column', () => {
  it.each([
    [5_000, '5s'],
    [150_000, '2m30s'],
    [45 * 60_000, '45m'],
    [5.5 * 3600_000, '5h30m'],
    [30 * 3600_000, '30h'],
    [3 * 86_400_000, '3d'],
    [100 * 86_400_000, '100d'],
  ])('shows %i ms as %s, like kubectl', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
