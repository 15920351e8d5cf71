import {
  labelMatcher,
  labelSelectorObjectMatcher,
  parseLabelSelector,
  SelectorError,
} from './labelSelector';

describe('label selectors', () => {
  const web = { app: 'web', tier: 'frontend' };
  const db = { app: 'db' };

  it.each([
    ['app=web', true, false],
    ['app==web', true, false],
    ['app!=web', false, true],
    ['app in (web, api)', true, false],
    ['app notin (web)', false, true],
    ['tier', true, false],
    ['!tier', false, true],
    ['app=web,tier=frontend', true, false],
    ['tier notin (backend),app', true, true],
    ['', true, true],
  ])('%s selects the right objects', (selector, matchesWeb, matchesDb) => {
    const matches = labelMatcher(selector);
    expect(matches(web)).toBe(matchesWeb);
    expect(matches(db)).toBe(matchesDb);
  });

  it('treats a missing label as a match for != and notin, like the API server', () => {
    expect(labelMatcher('tier!=backend')(undefined)).toBe(true);
    expect(labelMatcher('tier notin (a,b)')({})).toBe(true);
    expect(labelMatcher('tier in (a,b)')({})).toBe(false);
  });

  it('parses set requirements with commas inside parentheses', () => {
    expect(
      parseLabelSelector('env in (prod,staging),app.kubernetes.io/name=x'),
    ).toEqual([
      { key: 'env', operator: 'In', values: ['prod', 'staging'] },
      { key: 'app.kubernetes.io/name', operator: 'In', values: ['x'] },
    ]);
  });

  it('rejects malformed selectors', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow(SelectorError);
    expect(() => parseLabelSelector('-app')).toThrow(SelectorError);
  });

  it('matches structured selectors with matchLabels and matchExpressions', () => {
    const matches = labelSelectorObjectMatcher({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }],
    });
    expect(matches(web)).toBe(true);
    expect(matches({ app: 'web' })).toBe(false);
    expect(labelSelectorObjectMatcher(undefined)(db)).toBe(true);
  });
});
