import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

const matches = (selector: string, labels: Record<string, string>) =>
  matchesLabelSelector(parseLabelSelector(selector), labels);

describe('label selectors', () => {
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

  it('names the requirement it cannot read', () => {
    expect(() => parseLabelSelector('app=web,=oops')).toThrow(
      "cannot read label selector requirement '=oops'",
    );
    expect(() => parseLabelSelector('app=web,,x')).toThrow('empty requirement');
  });
});
