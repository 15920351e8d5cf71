import { entityReport } from './__testUtils__/reports';
import { reportFacts } from './reportFacts';

describe('reportFacts', () => {
  it("publishes a not-ready service's verdict, score and judging time as the report states them", () => {
    const report = entityReport('component:default/invoice-mailer', {
      'parity.cronjobs': 'fail',
    });
    const facts = reportFacts(report);
    // parity.cronjobs is critical: failing it makes the service not ready (DESIGN §5).
    expect(facts.verdict).toBe('not-ready');
    expect(facts.score).toBe(report.score);
    expect(facts.score).toBeLessThan(100);
    expect(facts.judgedAt).toBe('2026-12-07T21:24:41.000Z');
  });

  it("gives each check's state under the check's id", () => {
    const facts = reportFacts(
      entityReport('component:default/storefront-web', {
        'backup.restore-drill': 'warn',
        'parity.cronjobs': 'not-applicable',
        'platform.certificates': 'unknown',
      }),
    );
    expect(facts['backup.restore-drill']).toBe('warn');
    expect(facts['parity.cronjobs']).toBe('not-applicable');
    expect(facts['platform.certificates']).toBe('unknown');
    expect(facts['topology.failure-domain']).toBe('pass');
  });

  it('lists failing and unknown checks, and no waived failure among the failing', () => {
    const facts = reportFacts(
      entityReport('component:default/event-store', {
        'backup.fresh': 'fail',
        'backup.volumes': 'fail',
        'parity.cronjobs': 'waived',
        'platform.certificates': 'unknown',
      }),
    );
    expect(facts.failingChecks).toEqual(['backup.fresh', 'backup.volumes']);
    expect(facts.unknownChecks).toEqual(['platform.certificates']);
    expect(facts['parity.cronjobs']).toBe('waived');
  });

  it('lists nothing failing for a ready service', () => {
    const facts = reportFacts(entityReport('component:default/checkout'));
    expect(facts.verdict).toBe('ready');
    expect(facts.score).toBe(100);
    expect(facts.failingChecks).toEqual([]);
    expect(facts.unknownChecks).toEqual([]);
  });

  it('counts a failing check this build does not know among the failing, without a fact of its own', () => {
    const report = entityReport('component:default/checkout');
    report.checks.push({
      id: 'parity.future-check' as any,
      state: 'fail',
      message: 'a newer backend check fails',
      clusters: [],
    });
    const facts = reportFacts(report);
    expect(facts.failingChecks).toEqual(['parity.future-check']);
    expect(facts).not.toHaveProperty(['parity.future-check']);
  });
});
