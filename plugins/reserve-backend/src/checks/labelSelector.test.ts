import { selectorMatches } from './labelSelector';

describe('selectorMatches', () => {
  const labels = { app: 'shop', tier: 'web' };

  it('selects pods carrying every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { app: 'shop' } }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { app: 'cart' } }, labels)).toBe(
      false,
    );
  });

  it('applies In, NotIn, Exists and DoesNotExist requirements', () => {
    const expression = (operator: string, values?: string[]) => ({
      matchExpressions: [{ key: 'tier', operator, values }],
    });
    expect(selectorMatches(expression('In', ['web', 'api']), labels)).toBe(
      true,
    );
    expect(selectorMatches(expression('NotIn', ['web']), labels)).toBe(false);
    expect(selectorMatches(expression('Exists'), labels)).toBe(true);
    expect(selectorMatches(expression('DoesNotExist'), labels)).toBe(false);
  });

  it('selects everything with an empty selector, as policy/v1 does', () => {
    expect(selectorMatches({}, labels)).toBe(true);
  });
});
