import { CheckId } from './checks';
import { CheckResult, CheckState, EntityReport } from './report';
import { summarizeReport } from './summarizeReport';

const check = (id: CheckId, state: CheckState): CheckResult => ({
  id,
  state,
  message: `${id} is ${state}`,
  clusters: [],
});

function reportWith(checks: CheckResult[]): EntityReport {
  return {
    entityRef: 'component:default/checkout',
    policy: {
      mode: 'warm',
      replicaRatio: { primary: 6, reserve: 4 },
      rpo: { ms: 86_400_000, text: '24h' },
      rto: { ms: 3_600_000, text: '1h' },
      drillInterval: { ms: 7_776_000_000, text: '90d' },
      siteConfig: [],
      externalServices: [],
      cronJobs: 'primary-only',
      problems: [],
    },
    clusters: [],
    checks,
    score: 42,
    verdict: 'not-ready',
    generatedAt: '2026-03-01T12:00:00Z',
  };
}

const entity = {
  entityRef: 'component:default/checkout',
  kind: 'Component',
  title: 'Checkout',
};

describe('summarizeReport', () => {
  it('copies the verdict and score and names the entity and its owner', () => {
    const row = summarizeReport(
      entity,
      'group:default/payments',
      reportWith([]),
    );
    expect(row).toEqual({
      entityRef: 'component:default/checkout',
      title: 'Checkout',
      kind: 'Component',
      owner: 'group:default/payments',
      verdict: 'not-ready',
      score: 42,
      failing: { critical: 0, high: 0, medium: 0, low: 0 },
      worstFinding: undefined,
      categories: {},
    });
  });

  it('counts failing checks by severity and keeps the worst state per category', () => {
    const row = summarizeReport(
      entity,
      'group:default/payments',
      reportWith([
        check('parity.images', 'fail'),
        check('parity.cronjobs', 'fail'),
        check('parity.spec', 'warn'),
        check('workload.replicas', 'fail'),
        check('workload.resources', 'pass'),
        check('backup.fresh', 'unknown'),
        check('topology.reserve-exists', 'pass'),
      ]),
    );
    expect(row.failing).toEqual({ critical: 2, high: 1, medium: 0, low: 0 });
    expect(row.categories).toEqual({
      parity: 'fail',
      workload: 'fail',
      backup: 'unknown',
      topology: 'pass',
    });
  });

  it('names the heaviest finding, a critical unknown above a high failure', () => {
    const row = summarizeReport(
      entity,
      'group:default/payments',
      reportWith([
        check('workload.replicas', 'fail'),
        check('backup.fresh', 'unknown'),
        check('workload.probes', 'warn'),
      ]),
    );
    expect(row.worstFinding).toEqual({
      checkId: 'backup.fresh',
      title: expect.any(String),
      severity: 'critical',
      state: 'unknown',
      message: 'backup.fresh is unknown',
    });
  });

  it('prefers a failure to an unknown of the same severity', () => {
    const row = summarizeReport(
      entity,
      'group:default/payments',
      reportWith([
        check('backup.fresh', 'unknown'),
        check('parity.images', 'fail'),
      ]),
    );
    expect(row.worstFinding?.checkId).toBe('parity.images');
  });

  it('leaves out a check id a newer backend sends instead of throwing', () => {
    const row = summarizeReport(
      entity,
      'group:default/payments',
      reportWith([
        { ...check('parity.images', 'fail'), id: 'dns.failover' as CheckId },
        check('workload.resources', 'warn'),
      ]),
    );
    expect(row.failing.critical).toBe(0);
    expect(row.categories).toEqual({ workload: 'warn' });
    expect(row.worstFinding?.checkId).toBe('workload.resources');
  });
});
