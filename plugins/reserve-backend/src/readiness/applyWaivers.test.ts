import {
  CheckResult,
  Waiver,
  scoreChecks,
  verdictOf,
} from '@kube-reserve/plugin-reserve-common';
import { applyWaivers, firstLapseMs } from './applyWaivers';

const now = new Date('2026-12-07T12:00:00.000Z');

const waiver = (overrides: Partial<Waiver> = {}): Waiver => ({
  id: '0b7c3c1e-58f1-4d55-9a3e-6a1c2e3d4f50',
  entityRef: 'component:default/checkout',
  checkId: 'parity.cronjobs',
  reason: 'the reserve runs its own dunning job on purpose',
  createdBy: 'user:default/alice',
  createdAt: '2026-12-07T11:00:00.000Z',
  expiresAt: '2026-12-14T11:00:00.000Z',
  ...overrides,
});

// parity.cronjobs (critical) failing on reserve-ams and unknown or passing on reserve-waw.
const cronJobs = (waw: 'pass' | 'unknown' | 'fail'): CheckResult => ({
  id: 'parity.cronjobs',
  state: 'fail',
  message: 'CronJob shop/dunning is active on reserve-ams',
  clusters: [
    {
      cluster: 'reserve-ams',
      state: 'fail',
      message: 'CronJob shop/dunning is active on reserve-ams',
    },
    { cluster: 'reserve-waw', state: waw, message: `reserve-waw: ${waw}` },
  ],
});

const replicas: CheckResult = {
  id: 'workload.replicas',
  state: 'pass',
  message: 'Every workload runs 2+ replicas',
  clusters: [],
};

describe('applyWaivers', () => {
  it('counts a waived failure as waived, showing who, why, until when and the state underneath', () => {
    const checks = [cronJobs('pass'), replicas];
    expect(verdictOf(checks)).toBe('not-ready');
    const [waived, untouched] = applyWaivers(checks, [waiver()], now);
    expect(waived).toEqual({
      ...cronJobs('pass'),
      state: 'waived',
      clusters: [
        {
          ...cronJobs('pass').clusters[0],
          state: 'waived',
          waiver: {
            id: waiver().id,
            reason: waiver().reason,
            by: 'user:default/alice',
            expiresAt: waiver().expiresAt,
            underlyingState: 'fail',
          },
        },
        cronJobs('pass').clusters[1],
      ],
      waiver: {
        id: waiver().id,
        reason: waiver().reason,
        by: 'user:default/alice',
        expiresAt: waiver().expiresAt,
        underlyingState: 'fail',
      },
    });
    expect(untouched).toBe(replicas);
    expect(verdictOf([waived, untouched])).toBe('ready');
    expect(scoreChecks([waived, untouched])).toBe(100);
  });

  it('waives one cluster only with a waiver of that cluster: another failing cluster keeps the check failing', () => {
    const onAms = waiver({ cluster: 'reserve-ams' });
    const [check] = applyWaivers([cronJobs('fail')], [onAms], now);
    expect(check.state).toBe('fail');
    expect(check.waiver).toBeUndefined();
    expect(check.clusters.map(c => [c.cluster, c.state])).toEqual([
      ['reserve-ams', 'waived'],
      ['reserve-waw', 'fail'],
    ]);
    expect(check.clusters[0].waiver).toMatchObject({
      cluster: 'reserve-ams',
      underlyingState: 'fail',
    });
    // A waiver of reserve-waw as well leaves nothing failing.
    const [both] = applyWaivers(
      [cronJobs('fail')],
      [
        onAms,
        waiver({
          id: 'a2f3c4d5-0000-4000-8000-000000000002',
          cluster: 'reserve-waw',
          expiresAt: '2026-12-10T00:00:00.000Z',
        }),
      ],
      now,
    );
    expect(both.state).toBe('waived');
    // The check shows the first to lapse.
    expect(both.waiver).toMatchObject({
      cluster: 'reserve-waw',
      expiresAt: '2026-12-10T00:00:00.000Z',
    });
  });

  it('never turns missing data into waived: a cluster unknown keeps the check unknown', () => {
    const [check] = applyWaivers([cronJobs('unknown')], [waiver()], now);
    expect(check.state).toBe('unknown');
    expect(check.clusters.map(c => c.state)).toEqual(['waived', 'unknown']);
    expect(verdictOf([check])).toBe('unknown');
  });

  it('leaves a passing check as it is, and ignores revoked and lapsed waivers and other checks', () => {
    const passing: CheckResult = {
      ...replicas,
      id: 'parity.cronjobs',
    };
    expect(applyWaivers([passing], [waiver()], now)).toEqual([passing]);
    const checks = [cronJobs('pass')];
    for (const notInForce of [
      waiver({ revoked: { by: 'user:default/bob', at: now.toISOString() } }),
      waiver({ expiresAt: now.toISOString() }),
      waiver({ checkId: 'workload.pdb' }),
    ]) {
      expect(applyWaivers(checks, [notInForce], now)).toEqual(checks);
    }
  });

  it('waives a warning, and a check without per-cluster results whole', () => {
    const warning: CheckResult = {
      id: 'workload.probes',
      state: 'warn',
      message: 'Deployment shop/api has no liveness probe',
      clusters: [],
    };
    const [check] = applyWaivers(
      [warning],
      [waiver({ checkId: 'workload.probes' })],
      now,
    );
    expect(check.state).toBe('waived');
    expect(check.waiver?.underlyingState).toBe('warn');
    expect(check.message).toBe(warning.message);
    // A waiver of one cluster does not cover a check that has no cluster results.
    expect(
      applyWaivers(
        [warning],
        [waiver({ checkId: 'workload.probes', cluster: 'reserve-ams' })],
        now,
      ),
    ).toEqual([warning]);
  });
});

describe('firstLapseMs', () => {
  it('is the soonest expiry of the waivers in force', () => {
    expect(firstLapseMs([], now)).toBeUndefined();
    expect(
      firstLapseMs(
        [
          waiver(),
          waiver({ expiresAt: '2026-12-09T00:00:00.000Z' }),
          waiver({ expiresAt: '2026-12-01T00:00:00.000Z' }),
        ],
        now,
      ),
    ).toBe(Date.parse('2026-12-09T00:00:00.000Z'));
  });
});
