import {
  CheckId,
  CheckResult,
  CheckState,
  EntityReport,
  ReportCluster,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import {
  DEFAULT_API_CERTIFICATE_WITHIN_MS,
  isNews,
  NotifiedCondition,
  notifiedConditions,
  ObservedCondition,
  observeConditions,
} from './conditions';

const NOW = '2026-12-07T12:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) =>
  new Date(Date.parse(NOW) + days * DAY).toISOString();

const check = (id: CheckId, state: CheckState, message = `${id} ${state}`) =>
  ({ id, state, message, clusters: [] } as CheckResult);

function cluster(name: string, certificateNotAfter?: string): ReportCluster {
  return {
    name,
    role: name.startsWith('prod') ? 'primary' : 'reserve',
    roleInPair: name.startsWith('prod') ? 'primary' : 'reserve',
    status: { state: 'ok', kinds: {} },
    ...(certificateNotAfter
      ? { apiCertificate: { notAfter: certificateNotAfter } }
      : {}),
  } as ReportCluster;
}

function report(options: {
  verdict?: Verdict;
  checks?: CheckResult[];
  clusters?: ReportCluster[];
}): EntityReport {
  return {
    entityRef: 'component:default/checkout',
    policy: {
      mode: 'warm',
      replicaRatio: { primary: 6, reserve: 4 },
      rpo: { ms: DAY, text: '24h' },
      rto: { ms: 3_600_000, text: '1h' },
      drillInterval: { ms: 90 * DAY, text: '90d' },
      siteConfig: [],
      externalServices: [],
      cronJobs: 'primary-only',
      problems: [],
    },
    clusters: options.clusters ?? [
      cluster('prod-fra', inDays(200)),
      cluster('reserve-ams', inDays(300)),
    ],
    checks: options.checks ?? [],
    score: 80,
    verdict: options.verdict ?? 'ready',
    generatedAt: NOW,
  };
}

const allOn = {
  conditions: new Set<NotifiedCondition>(notifiedConditions),
  apiCertificateWithinMs: DEFAULT_API_CERTIFICATE_WITHIN_MS,
};

function observed(
  r: EntityReport,
  condition: NotifiedCondition,
): ObservedCondition {
  return observeConditions(r, allOn).find(o => o.condition === condition)!;
}

describe('observeConditions', () => {
  it('ranks verdicts as the pages do: ready, at risk, unknown, not ready', () => {
    const level = (verdict: Verdict) =>
      observed(report({ verdict }), 'verdict').level;
    expect(level('ready')).toBe(0);
    expect(level('at-risk')).toBe(1);
    // A critical check without its data (the reserve does not answer) may hide a failure.
    expect(level('unknown')).toBe(2);
    expect(level('not-ready')).toBe(3);
    expect(observed(report({ verdict: 'unknown' }), 'verdict').notice).toEqual(
      expect.objectContaining({
        title: 'checkout: reserve readiness worsened to Unknown',
        severity: 'high',
      }),
    );
  });

  it('names the new verdict and the worst finding in the verdict notice', () => {
    const { notice } = observed(
      report({
        verdict: 'not-ready',
        checks: [
          check('workload.probes', 'warn'),
          check(
            'topology.reachable',
            'fail',
            'reserve-ams unreachable: connect ECONNREFUSED',
          ),
        ],
      }),
      'verdict',
    );
    expect(notice).toEqual({
      title: 'checkout: reserve readiness worsened to Not ready',
      description: expect.stringContaining(
        'reserve-ams unreachable: connect ECONNREFUSED',
      ),
      severity: 'critical',
    });
  });

  it('raises the API certificate condition under 14 days, on any cluster of the pair', () => {
    const expiring = observed(
      report({
        clusters: [
          cluster('prod-fra', inDays(200)),
          cluster('reserve-ams', inDays(13)),
        ],
      }),
      'api-certificate',
    );
    expect(expiring.level).toBe(1);
    expect(expiring.notice?.title).toBe(
      'checkout: the API server certificate of reserve-ams expires in 13 d',
    );
    expect(expiring.notice?.severity).toBe('high');

    const expired = observed(
      report({ clusters: [cluster('prod-fra', inDays(-1))] }),
      'api-certificate',
    );
    expect(expired.notice?.title).toBe(
      'checkout: the API server certificate of prod-fra has expired',
    );
    expect(expired.notice?.severity).toBe('critical');

    expect(
      observed(
        report({ clusters: [cluster('prod-fra', inDays(15))] }),
        'api-certificate',
      ).level,
    ).toBe(0);
  });

  it('clears the certificate condition only when every certificate was read', () => {
    // reserve-ams's certificate could not be read (unreachable): it may be the one expiring.
    const unread = report({
      clusters: [cluster('prod-fra', inDays(200)), cluster('reserve-ams')],
    });
    expect(observed(unread, 'api-certificate').level).toBeUndefined();
    // One that was read and expires soon is enough to raise it.
    const oneExpiring = report({
      clusters: [cluster('prod-fra', inDays(3)), cluster('reserve-ams')],
    });
    expect(observed(oneExpiring, 'api-certificate').level).toBe(1);
  });

  it('follows the restore-drill check: raised when it fails, clear when it passes, warns or is waived', () => {
    const level = (state: CheckState) =>
      observed(
        report({ checks: [check('backup.restore-drill', state)] }),
        'drill-overdue',
      ).level;
    expect(level('fail')).toBe(1);
    expect(level('pass')).toBe(0);
    expect(level('warn')).toBe(0);
    expect(level('waived')).toBe(0);
    expect(level('not-applicable')).toBe(0);
    expect(level('unknown')).toBeUndefined();
    expect(observed(report({}), 'drill-overdue').level).toBeUndefined();
  });

  it('follows backup.fresh for the restore point, with the RPO status as description', () => {
    const r = report({
      checks: [check('backup.fresh', 'fail')],
    });
    r.backups = {
      schedules: [],
      backups: [],
      drills: [],
      problems: [],
      rpo: {
        state: 'fail',
        message: 'The newest restore point is 30h old, past the RPO of 24h',
        target: { ms: DAY, text: '24h' },
      },
    };
    expect(observed(r, 'restore-point')).toEqual({
      condition: 'restore-point',
      level: 1,
      notice: {
        title: 'checkout: no restore point within the RPO of 24h',
        description: 'The newest restore point is 30h old, past the RPO of 24h',
        severity: 'high',
      },
    });
    expect(
      observed(
        report({ checks: [check('backup.fresh', 'unknown')] }),
        'restore-point',
      ).level,
    ).toBeUndefined();
  });

  it('leaves out the conditions turned off', () => {
    const conditions = observeConditions(report({}), {
      ...allOn,
      conditions: new Set<NotifiedCondition>(['drill-overdue']),
    }).map(o => o.condition);
    expect(conditions).toEqual(['drill-overdue']);
  });
});

describe('isNews', () => {
  it('tells of a verdict worse than the one before, never of the first one seen', () => {
    expect(isNews('verdict', 2, undefined)).toBe(false);
    expect(isNews('verdict', 1, 0)).toBe(true);
    expect(isNews('verdict', 2, 1)).toBe(true);
    expect(isNews('verdict', 1, 2)).toBe(false);
    expect(isNews('verdict', 0, 1)).toBe(false);
  });

  it('tells of a condition raised from clear or never seen, not of it clearing', () => {
    expect(isNews('drill-overdue', 1, undefined)).toBe(true);
    expect(isNews('drill-overdue', 1, 0)).toBe(true);
    expect(isNews('drill-overdue', 0, 1)).toBe(false);
    expect(isNews('api-certificate', 0, undefined)).toBe(false);
  });
});
