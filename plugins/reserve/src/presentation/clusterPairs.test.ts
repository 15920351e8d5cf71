import { cluster } from '../__testUtils__/reports';
import { resolveClusterPairs } from './clusterPairs';

const clusters = [
  cluster('prod-fra', 'primary'),
  cluster('reserve-ams', 'reserve'),
  cluster('reserve-fra-b', 'reserve'),
];

describe('resolveClusterPairs', () => {
  it('resolves the configured pairs, keeping a cluster the backend does not know by name', () => {
    const pairs = resolveClusterPairs(clusters, [
      { primary: 'prod-fra', reserves: ['reserve-ams', 'gone'] },
    ]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].primary).toBe(clusters[0]);
    expect(pairs[0].reserves.map(r => r.name)).toEqual(['reserve-ams', 'gone']);
    expect('status' in pairs[0].reserves[1]).toBe(false);
  });

  it('pairs nothing when no pair is configured, rather than guessing from roles', () => {
    expect(resolveClusterPairs(clusters, [])).toEqual([]);
  });
});
