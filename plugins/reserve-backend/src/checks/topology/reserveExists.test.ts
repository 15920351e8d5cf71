import { aReserve, anEntityView } from '../../view/__fixtures__/builders';
import { checkReserveExists } from './reserveExists';

describe('topology.reserve-exists', () => {
  it('passes when a reserve stands by for the primary', () => {
    const result = checkReserveExists(anEntityView());
    expect(result.state).toBe('pass');
    expect(result.clusters).toEqual([
      expect.objectContaining({ cluster: 'reserve-ams', state: 'pass' }),
    ]);
  });

  it('fails mode none, labelled as an accepted risk', () => {
    const result = checkReserveExists(
      anEntityView({ policy: { mode: 'none' } }),
    );
    expect(result).toMatchObject({ state: 'fail', acceptedRisk: true });
    expect(result.message).toContain('accepted risk');
  });

  it('fails when no pair is configured at all', () => {
    const result = checkReserveExists(
      anEntityView({
        primary: undefined,
        reserves: [],
        policy: { clusters: undefined },
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.acceptedRisk).toBeUndefined();
  });

  it('fails when the pair names no reserve', () => {
    const result = checkReserveExists(
      anEntityView({
        reserves: [],
        policy: { clusters: { primary: 'prod-fra', reserves: [] } },
      }),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message: 'No reserve cluster stands by for prod-fra',
    });
  });

  it('fails when the only reserve named is not a configured cluster', () => {
    const result = checkReserveExists(
      anEntityView({
        reserves: [],
        policy: {
          clusters: { primary: 'prod-fra', reserves: ['reserve-lon'] },
        },
        unconfiguredClusters: ['reserve-lon'],
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain(
      'reserve-lon is named as a reserve but not configured',
    );
  });

  it('warns about an unconfigured second reserve while the first stands by', () => {
    const result = checkReserveExists(
      anEntityView({
        policy: {
          clusters: {
            primary: 'prod-fra',
            reserves: ['reserve-ams', 'reserve-lon'],
          },
        },
        unconfiguredClusters: ['reserve-lon'],
      }),
    );
    expect(result.state).toBe('warn');
  });

  it('does not need the reserve to be reachable: that is topology.reachable', () => {
    const result = checkReserveExists(
      anEntityView({
        reserves: [{ ...aReserve(), status: { state: 'pending', kinds: {} } }],
      }),
    );
    expect(result.state).toBe('pass');
  });
});
