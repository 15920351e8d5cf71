import { cluster } from '../__testUtils__/reports';
import { resolveClusterPairs } from './clusterPairs';

const clusters = [
  cluster('prod-fra', 'primary'),
  cluster('reserve-ams', 'reserve'),
  cluster('reserve-fra-b', 'reserve'),
];

describe('resolveClusterPairs', () => {
  it('uses the configured pairs when the backend lists them', () => {
    const pairs = resolveClusterPairs(clusters, [
      { primary: 'prod-fra', reserves: ['reserve-ams', 'gone'] },
    ]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].inferred).toBe(false);
    expect(pairs[0].reserves.map(r => r.name)).toEqual(['reserve-ams', 'gone']);
    expect('status' in pairs[0].reserves[1]).toBe(false);
  });

  it('pairs every primary with every reserve otherwise, and says it inferred that', () => {
    const pairs = resolveClusterPairs(clusters);
    expect(pairs).toEqual([
      {
        primary: clusters[0],
        reserves: [clusters[1], clusters[2]],
        inferred: true,
      },
    ]);
  });
});
