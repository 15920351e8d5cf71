import {
  aHealthyCluster,
  aLease,
  anEntityView,
  primaryFacts,
  reserveFacts,
  testNow,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { defaultPlatformThresholds } from '../../platform/thresholds';
import { checkLeaderElection, leaderElectionResult } from './leaderElection';

const context = { now: testNow, thresholds: defaultPlatformThresholds };
const secondsAgo = (s: number) =>
  new Date(testNow.getTime() - s * 1000).toISOString();
const withLeases = (
  leases: ReturnType<typeof aLease>[],
  facts = reserveFacts,
) => aHealthyCluster(facts, { leases });

describe('platform.leader-election', () => {
  it('passes fresh Leases of both the scheduler and the controller manager', () => {
    const side = withLeases([
      aLease('kube-scheduler'),
      aLease('kube-controller-manager'),
    ]);
    expect(leaderElectionResult(side, context).state).toBe('pass');
  });

  it('judges a Lease when it was seen: renewed 2 s before a listing 25 s ago is a live leader', () => {
    // A leader renews every 2 s; the collection saw it 25 s ago, longer than its 15 s
    // duration: against the current time alone it would read expired.
    const side = {
      ...withLeases([
        aLease('kube-scheduler', {
          renewTime: secondsAgo(27),
          leaseDurationSeconds: 15,
        }),
        aLease('kube-controller-manager', {
          renewTime: secondsAgo(26),
          leaseDurationSeconds: 15,
        }),
      ]),
      leasesSeenAt: secondsAgo(25),
    };
    expect(leaderElectionResult(side, context).state).toBe('pass');
  });

  it('fails a Lease that had expired when it was seen, saying how long ago it expired', () => {
    const side = {
      ...withLeases([
        aLease('kube-scheduler', {
          renewTime: secondsAgo(60),
          leaseDurationSeconds: 15,
        }),
        aLease('kube-controller-manager'),
      ]),
      leasesSeenAt: secondsAgo(25),
    };
    expect(leaderElectionResult(side, context)).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('expired 45 s ago'),
    });
  });

  it('is still fresh exactly at renewTime + leaseDurationSeconds', () => {
    const side = withLeases([
      aLease('kube-scheduler', {
        renewTime: secondsAgo(15),
        leaseDurationSeconds: 15,
      }),
      aLease('kube-controller-manager'),
    ]);
    expect(leaderElectionResult(side, context).state).toBe('pass');
  });

  it('fails one second past renewTime + leaseDurationSeconds', () => {
    const side = withLeases([
      aLease('kube-scheduler', {
        renewTime: secondsAgo(16),
        leaseDurationSeconds: 15,
      }),
      aLease('kube-controller-manager'),
    ]);
    expect(leaderElectionResult(side, context)).toMatchObject({
      state: 'fail',
      message: expect.stringContaining(
        'kube-scheduler Lease on reserve-ams was last renewed',
      ),
    });
  });

  it('fails Leases last renewed 30 minutes ago, as on reserve-fra-b', () => {
    const stale = { renewTime: secondsAgo(1800), leaseDurationSeconds: 15 };
    const side = withLeases([
      aLease('kube-scheduler', stale),
      aLease('kube-controller-manager', stale),
    ]);
    const result = leaderElectionResult(side, context);
    expect(result.state).toBe('fail');
    expect(result.evidence).toHaveLength(2);
    // Renewed 1800 s ago with a 15 s lease: expired 1785 s, 29 min 45 s, ago.
    expect(result.evidence?.[0]).toBe(
      `the kube-scheduler Lease on reserve-ams was last renewed at ${secondsAgo(
        1800,
      )} and expired 29 min ago (leaseDurationSeconds 15)`,
    );
  });

  it('states a lease expired minutes ago with its seconds', () => {
    const side = withLeases([
      aLease('kube-scheduler', {
        renewTime: secondsAgo(140),
        leaseDurationSeconds: 15,
      }),
      aLease('kube-controller-manager'),
    ]);
    expect(leaderElectionResult(side, context).message).toContain(
      'expired 2 min 5 s ago',
    );
  });

  it('fails a Lease nobody holds and a missing Lease', () => {
    const side = withLeases([aLease('kube-scheduler', { holder: null })]);
    const result = leaderElectionResult(side, context);
    expect(result.state).toBe('fail');
    expect(result.evidence).toEqual([
      'nobody holds the kube-scheduler Lease on reserve-ams',
      'no kube-controller-manager Lease in kube-system on reserve-ams',
    ]);
  });

  it('does not apply to a managed control plane that hides its Leases', () => {
    const side = aHealthyCluster(
      { ...reserveFacts, managedControlPlane: true },
      { leases: [] },
    );
    expect(leaderElectionResult(side, context).state).toBe('not-applicable');
  });

  it('is unknown when Leases cannot be read', () => {
    expect(
      leaderElectionResult(withoutKind(withLeases([]), 'leases'), context)
        .state,
    ).toBe('unknown');
  });

  it('reports each cluster of the pair', () => {
    const result = checkLeaderElection(
      anEntityView({
        primary: aHealthyCluster(primaryFacts),
        reserves: [withLeases([])],
      }),
    );
    expect(result.clusters.map(c => c.state)).toEqual(['pass', 'fail']);
  });
});
