import { CheckId } from '@kube-reserve/plugin-reserve-common';
import { checkIds, loadCorpus } from '../__testUtils__/corpus';

describe('the verdict corpus covers the check catalogue', () => {
  const scenarios = loadCorpus();
  const expectedSomewhere = (state: string) => (id: CheckId) =>
    scenarios.some(s => s.expect[id].state === state);

  it('holds at least 25 scenarios, each with every check expected and a reason', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
    for (const scenario of scenarios) {
      expect(Object.keys(scenario.expect).sort()).toEqual([...checkIds].sort());
    }
  });

  it('expects every check to fail somewhere and to pass somewhere', () => {
    expect({
      neverFails: checkIds.filter(id => !expectedSomewhere('fail')(id)),
      neverPasses: checkIds.filter(id => !expectedSomewhere('pass')(id)),
    }).toEqual({ neverFails: [], neverPasses: [] });
  });

  it('expects every verdict somewhere', () => {
    expect([...new Set(scenarios.map(s => s.verdict))].sort()).toEqual([
      'at-risk',
      'not-ready',
      'ready',
      'unknown',
    ]);
  });
});
