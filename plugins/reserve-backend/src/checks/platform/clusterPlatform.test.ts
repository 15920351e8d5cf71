import {
  aClusterNode,
  aHealthyCluster,
  aLease,
  daysFromNow,
  reserveFacts,
  testNow,
  unreachable,
} from '../../view/__fixtures__/builders';
import { defaultPlatformThresholds } from '../../platform/thresholds';
import { evaluateClusterPlatform } from './clusterPlatform';

describe('evaluateClusterPlatform', () => {
  it('sums up a healthy cluster: facts and five passing checks', () => {
    const facts = evaluateClusterPlatform(
      aHealthyCluster(reserveFacts),
      testNow,
      defaultPlatformThresholds,
    );
    expect(facts).toMatchObject({
      cluster: 'reserve-ams',
      version: 'v1.35.1',
      support: { minor: '1.35', endOfLife: '2027-02-28' },
      apiCertificateDaysLeft: 300,
      managedControlPlane: false,
      controlPlaneNodes: 3,
      nodes: { total: 6, ready: 6, workers: 3, schedulableWorkers: 3 },
      zones: ['a', 'b', 'c'],
      state: 'pass',
    });
    expect(facts.checks.map(c => [c.id, c.state])).toEqual([
      ['platform.api-cert', 'pass'],
      ['platform.version-supported', 'pass'],
      ['platform.control-plane', 'pass'],
      ['platform.leader-election', 'pass'],
      ['platform.nodes', 'pass'],
    ]);
    expect(facts.leaderElection?.every(lease => lease.fresh)).toBe(true);
  });

  it('finds every platform fault of a neglected reserve', () => {
    const stale = { renewTime: daysFromNow(-1 / 48), leaseDurationSeconds: 15 };
    const side = aHealthyCluster(
      reserveFacts,
      {
        nodes: [
          aClusterNode('frab-cp-1', 'control-plane', {
            zone: 'fra1-a',
            kubeletVersion: 'v1.33.6',
          }),
          aClusterNode('frab-w-1', 'worker', {
            zone: 'fra1-a',
            kubeletVersion: 'v1.33.6',
          }),
          aClusterNode('frab-w-2', 'worker', {
            zone: 'fra1-b',
            kubeletVersion: 'v1.33.6',
          }),
        ],
        leases: [
          aLease('kube-scheduler', stale),
          aLease('kube-controller-manager', stale),
        ],
      },
      { version: 'v1.33.6', apiCertificateNotAfter: daysFromNow(18) },
    );
    const facts = evaluateClusterPlatform(
      side,
      new Date(testNow.getTime()),
      defaultPlatformThresholds,
    );
    expect(Object.fromEntries(facts.checks.map(c => [c.id, c.state]))).toEqual({
      'platform.api-cert': 'warn',
      'platform.version-supported': 'pass',
      'platform.control-plane': 'fail',
      'platform.leader-election': 'fail',
      'platform.nodes': 'pass',
    });
    expect(facts.state).toBe('fail');
    expect(facts.leaderElection?.map(l => l.fresh)).toEqual([false, false]);
  });

  it('leaves out list facts of an unreachable cluster and answers unknown', () => {
    const facts = evaluateClusterPlatform(
      unreachable(aHealthyCluster(reserveFacts)),
      testNow,
      defaultPlatformThresholds,
    );
    expect(facts.nodes).toBeUndefined();
    expect(facts.leaderElection).toBeUndefined();
    expect(facts.version).toBe('v1.35.1');
    expect(facts.state).toBe('unknown');
  });
});
