import {
  aClusterNode,
  aHealthyCluster,
  anEntityView,
  healthyNodes,
  primaryFacts,
  reserveFacts,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkVersionSkew } from './versionSkew';

function pair(
  reserveVersion: string,
  reserveNodes = healthyNodes('ams', reserveVersion),
) {
  return anEntityView({
    primary: aHealthyCluster(primaryFacts),
    reserves: [
      aHealthyCluster(
        reserveFacts,
        { nodes: reserveNodes },
        { version: reserveVersion },
      ),
    ],
  });
}

describe('platform.version-skew', () => {
  it('passes primary and reserve on the same minor', () => {
    const result = checkVersionSkew(pair('v1.35.0'));
    expect(result.state).toBe('pass');
    expect(result.clusters).toHaveLength(2);
  });

  it('passes a reserve exactly one minor behind', () => {
    expect(checkVersionSkew(pair('v1.34.3')).state).toBe('pass');
  });

  it('fails a reserve two minors behind the primary', () => {
    const result = checkVersionSkew(pair('v1.33.6'));
    expect(result.state).toBe('fail');
    expect(result.clusters[1]).toMatchObject({
      cluster: 'reserve-ams',
      state: 'fail',
      message: expect.stringContaining('2 minors from the primary prod-fra'),
    });
  });

  it('fails a reserve two minors ahead too', () => {
    expect(
      checkVersionSkew(pair('v1.37.0', healthyNodes('ams', 'v1.37.0'))).state,
    ).toBe('fail');
  });

  it('fails a kubelet newer than its API server', () => {
    const nodes = [
      ...healthyNodes('ams', 'v1.35.0'),
      aClusterNode('ams-w-9', 'worker', { kubeletVersion: 'v1.36.0' }),
    ];
    const result = checkVersionSkew(pair('v1.35.0', nodes));
    expect(result.clusters[1]).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('ams-w-9 (v1.36.0) is newer'),
    });
  });

  it('accepts kubelets three minors older and fails four', () => {
    const threeOlder = [
      aClusterNode('ams-w-9', 'worker', { kubeletVersion: 'v1.32.9' }),
    ];
    const fourOlder = [
      aClusterNode('ams-w-9', 'worker', { kubeletVersion: 'v1.31.9' }),
    ];
    expect(
      checkVersionSkew(pair('v1.35.0', threeOlder)).clusters[1].state,
    ).toBe('pass');
    expect(
      checkVersionSkew(pair('v1.35.0', fourOlder)).clusters[1],
    ).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('4 minors behind'),
    });
  });

  it('is unknown for a reserve whose version or nodes are not known', () => {
    const noVersion = anEntityView({
      primary: aHealthyCluster(primaryFacts),
      reserves: [aHealthyCluster(reserveFacts, {}, { version: undefined })],
    });
    expect(checkVersionSkew(noVersion).state).toBe('unknown');
    const noNodes = anEntityView({
      primary: aHealthyCluster(primaryFacts),
      reserves: [withoutKind(aHealthyCluster(reserveFacts), 'nodes')],
    });
    expect(checkVersionSkew(noNodes).clusters[1]).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining('nodes forbidden'),
    });
  });

  it('is unknown for a reserve when the primary cannot be compared with', () => {
    const view = anEntityView({
      primary: unreachable(aHealthyCluster(primaryFacts)),
      reserves: [aHealthyCluster(reserveFacts)],
    });
    expect(checkVersionSkew(view).clusters.map(c => c.state)).toEqual([
      'unknown',
      'unknown',
    ]);
  });

  it('does not apply to mode none, whose configured reserve is never used', () => {
    const view = pair('v1.33.6');
    view.policy.mode = 'none';
    const result = checkVersionSkew(view);
    expect(result.state).toBe('not-applicable');
    expect(result.clusters.map(c => c.cluster)).toEqual(['prod-fra']);
  });

  it('does not apply without a reserve, but still fails a bad kubelet on the primary', () => {
    const alone = anEntityView({
      primary: aHealthyCluster(primaryFacts),
      reserves: [],
    });
    expect(checkVersionSkew(alone).state).toBe('not-applicable');
    const badKubelet = anEntityView({
      primary: aHealthyCluster(primaryFacts, {
        nodes: [
          aClusterNode('fra-w-9', 'worker', { kubeletVersion: 'v1.36.0' }),
        ],
      }),
      reserves: [],
    });
    expect(checkVersionSkew(badKubelet).state).toBe('fail');
  });
});
