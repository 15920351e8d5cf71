import {
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
  withoutKind,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkReachable } from './reachable';

describe('topology.reachable', () => {
  it('passes when primary and reserve both answered', () => {
    const result = checkReachable(anEntityView());
    expect(result.state).toBe('pass');
    expect(result.clusters.map(c => c.cluster)).toEqual([
      'prod-fra',
      'reserve-ams',
    ]);
  });

  it('fails an unreachable reserve, saying why', () => {
    const result = checkReachable(
      anEntityView({ reserves: [unreachable(aReserve())] }),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message: 'reserve-ams unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    });
  });

  it('fails a primary whose data has gone stale', () => {
    const primary = aPrimary();
    primary.status = {
      ...primary.status,
      state: 'stale',
      staleSince: '2026-03-01T11:40:00Z',
      message: 'timeout after 10s',
    };
    const result = checkReachable(anEntityView({ primary }));
    expect(result.message).toBe(
      'prod-fra has not answered since 2026-03-01T11:40:00Z: timeout after 10s',
    );
  });

  it('warns when a cluster answered but refused some kinds', () => {
    const result = checkReachable(
      anEntityView({ reserves: [withoutKind(aReserve(), 'secrets')] }),
    );
    expect(result).toMatchObject({
      state: 'warn',
      message: 'reserve-ams answered, but secrets forbidden',
    });
  });

  it('fails a cluster whose credentials are refused', () => {
    const reserve = aReserve();
    reserve.status = {
      ...reserve.status,
      state: 'unauthorized',
      message: 'Unauthorized',
    };
    expect(checkReachable(anEntityView({ reserves: [reserve] }))).toMatchObject(
      {
        state: 'fail',
        message: 'reserve-ams unauthorized: Unauthorized',
      },
    );
  });

  it('warns, naming each kind, when a cluster answered but failed to list some kinds', () => {
    const reserve = withoutKind(
      withoutKind(aReserve(), 'secrets'),
      'veleroBackups',
      'failed',
    );
    expect(checkReachable(anEntityView({ reserves: [reserve] }))).toMatchObject(
      {
        state: 'warn',
        message:
          'reserve-ams answered, but secrets forbidden, backups.velero.io failed',
      },
    );
  });

  it('still warns about a failed kind whose older listing is served in its place', () => {
    const primary = aPrimary();
    primary.status = {
      ...primary.status,
      kinds: {
        deployments: {
          state: 'failed',
          message: 'etcdserver: request timed out',
          listedAt: '2026-03-01T11:55:00Z',
        },
      },
    };
    expect(checkReachable(anEntityView({ primary }))).toMatchObject({
      state: 'warn',
      message: 'prod-fra answered, but deployments failed',
    });
  });

  it('passes a cluster that answered without Velero: an API group not served is no refusal', () => {
    expect(
      checkReachable(anEntityView({ reserves: [withoutVelero(aReserve())] }))
        .state,
    ).toBe('pass');
  });

  it('passes a cluster that answered without an optional CRD such as cert-manager', () => {
    const reserve = aReserve();
    reserve.status = {
      ...reserve.status,
      kinds: {
        'certificates.cert-manager.io': {
          state: 'absent',
          message: 'the server could not find the requested resource',
        },
      },
    };
    const result = checkReachable(anEntityView({ reserves: [reserve] }));
    expect(result.state).toBe('pass');
  });

  it('is unknown for a cluster not collected yet', () => {
    const reserve = {
      ...aReserve(),
      status: { state: 'pending' as const, kinds: {} },
    };
    const result = checkReachable(anEntityView({ reserves: [reserve] }));
    expect(result).toMatchObject({
      state: 'unknown',
      message: 'reserve-ams not collected yet',
    });
  });

  it('fails a cluster of the pair that is not configured', () => {
    const result = checkReachable(
      anEntityView({
        reserves: [],
        policy: {
          clusters: { primary: 'prod-fra', reserves: ['reserve-lon'] },
        },
        unconfiguredClusters: ['reserve-lon'],
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain('reserve-lon is not configured');
  });

  it('is unknown without any cluster pair', () => {
    const result = checkReachable(
      anEntityView({
        primary: undefined,
        reserves: [],
        policy: { clusters: undefined },
      }),
    );
    expect(result.state).toBe('unknown');
  });
});
