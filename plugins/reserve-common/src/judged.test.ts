import { isJudgedOnCollectedClusters } from './judged';
import { EntityReport } from './report';

function clusters(...states: string[]): Pick<EntityReport, 'clusters'> {
  return {
    clusters: states.map((state, i) => ({
      name: `cluster-${i}`,
      status: { state, kinds: {} },
    })) as unknown as EntityReport['clusters'],
  };
}

describe('isJudgedOnCollectedClusters', () => {
  it('takes a report whose clusters all answered, or were seen failing, as judged', () => {
    expect(isJudgedOnCollectedClusters(clusters('ok', 'ok'))).toBe(true);
    expect(isJudgedOnCollectedClusters(clusters('ok', 'unreachable'))).toBe(
      true,
    );
  });

  it('does not take a report judged before a cluster was first collected as judged', () => {
    expect(isJudgedOnCollectedClusters(clusters('ok', 'pending'))).toBe(false);
  });
});
