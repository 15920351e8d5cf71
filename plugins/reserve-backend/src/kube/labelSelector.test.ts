import {
  formatLabelSelector,
  parseLabelSelector,
  selectorMatches,
} from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'shop', tier: 'web' };
  const expression = (operator: string, values?: string[]) => ({
    matchExpressions: [{ key: 'tier', operator, values }],
  });

  it('selects pods carrying every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { app: 'shop' } }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { app: 'cart' } }, labels)).toBe(
      false,
    );
    expect(
      selectorMatches({ matchLabels: { app: 'shop', zone: 'a' } }, labels),
    ).toBe(false);
  });

  it('applies In, NotIn, Exists and DoesNotExist requirements', () => {
    expect(selectorMatches(expression('In', ['web', 'api']), labels)).toBe(
      true,
    );
    expect(selectorMatches(expression('NotIn', ['web']), labels)).toBe(false);
    expect(selectorMatches(expression('NotIn', ['web']), {})).toBe(true);
    expect(selectorMatches(expression('Exists'), labels)).toBe(true);
    expect(selectorMatches(expression('DoesNotExist'), labels)).toBe(false);
  });

  it('selects everything with an empty selector, as policy/v1 PDBs do', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(
      true,
    );
  });

  it('selects nothing with a null selector', () => {
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });

  it('selects nothing when an operator is unknown', () => {
    expect(selectorMatches(expression('Gt', ['1']), labels)).toBe(false);
    expect(selectorMatches(expression('in', ['web']), labels)).toBe(false);
  });

  it('selects nothing with a requirement Kubernetes refuses', () => {
    expect(selectorMatches(expression('In', []), labels)).toBe(false);
    expect(selectorMatches(expression('NotIn'), labels)).toBe(false);
    expect(selectorMatches(expression('Exists', ['web']), labels)).toBe(false);
  });
});

describe('the string form of label selectors', () => {
  const matches = (selector: string, labels: Record<string, string>) =>
    selectorMatches(parseLabelSelector(selector), labels);

  it('matches equality requirements', () => {
    expect(matches('app=web,tier==front', { app: 'web', tier: 'front' })).toBe(
      true,
    );
    expect(matches('app=web', { app: 'api' })).toBe(false);
    expect(matches('app!=web', { app: 'api' })).toBe(true);
    expect(matches('app!=web', {})).toBe(true);
  });

  it('matches set and existence requirements', () => {
    expect(matches('env in (prod, staging)', { env: 'prod' })).toBe(true);
    expect(matches('env in (prod,staging)', { env: 'dev' })).toBe(false);
    expect(matches('env notin (dev)', { env: 'prod' })).toBe(true);
    expect(matches('env notin (dev)', {})).toBe(true);
    expect(matches('canary', { canary: '' })).toBe(true);
    expect(matches('!canary', { canary: 'yes' })).toBe(false);
    expect(
      matches('backstage.io/kubernetes-id=checkout,env in (a,b)', {
        'backstage.io/kubernetes-id': 'checkout',
        env: 'b',
      }),
    ).toBe(true);
  });

  it('parses into the structure the evaluator reads', () => {
    expect(parseLabelSelector('app=web,env notin (a,b),!legacy')).toEqual({
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['web'] },
        { key: 'env', operator: 'NotIn', values: ['a', 'b'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
  });

  it('requires both of two values for one key, selecting nothing', () => {
    expect(matches('app=web,app=api', { app: 'web' })).toBe(false);
  });

  it('names the requirement it cannot read', () => {
    expect(() => parseLabelSelector('app=web,=oops')).toThrow(
      "cannot read label selector requirement '=oops'",
    );
    expect(() => parseLabelSelector('app=web,,x')).toThrow('empty requirement');
  });

  it('writes a selector back in its string form for messages', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'zk-other' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=zk-other,tier in (a,b),!legacy');
    expect(formatLabelSelector({})).toBe('everything');
  });
});
