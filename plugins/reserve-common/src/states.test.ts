import { worstState } from './states';

describe('worstState', () => {
  it('lets a failure outweigh missing data', () => {
    expect(worstState(['pass', 'unknown', 'fail'])).toBe('fail');
  });

  it('never lets missing data look like a pass or a mere warning', () => {
    expect(worstState(['pass', 'unknown'])).toBe('unknown');
    expect(worstState(['warn', 'unknown'])).toBe('unknown');
  });

  it('is not-applicable when nothing applies', () => {
    expect(worstState([])).toBe('not-applicable');
    expect(worstState(['not-applicable', 'pass'])).toBe('pass');
  });
});
