import { resolve } from 'node:path';
import { Simulator, startSimulator } from '@kube-reserve/cluster-sim';
import request from 'supertest';
import {
  demoConfig,
  eventually,
  repositoryRoot,
  startDemoTestBackend,
} from './__testUtils__/demoBackend';

jest.setTimeout(90_000);

const RETRIEVER = 'reserveReadinessFactRetriever';

/**
 * The demo backend as configured in app-config.yaml, its fact retriever run every 5 s instead
 * of every minute: the facts Tech Insights serves are compared with the reports the reserve
 * backend serves for the same services, on the simulated clusters.
 */
describe('Kube Reserve facts in Tech Insights', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startDemoTestBackend>>;
  let token = '';
  const get = (path: string) =>
    request(backend.server).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    sim = await startSimulator({
      fixturesDir: resolve(repositoryRoot, 'examples/clusters'),
      ports: 'free',
      pace: 100,
    });
    const config = demoConfig(sim);
    config.techInsights.factRetrievers[RETRIEVER] = {
      ...config.techInsights.factRetrievers[RETRIEVER],
      cadence: '*/5 * * * * *',
      initialDelay: { seconds: 1 },
    };
    // The README's example of a check on one check's state, beside the demo's two.
    config.techInsights.factChecker.checks.reserveCronJobsSafe = {
      type: 'json-rules-engine',
      name: 'CronJobs run on the primary only',
      description:
        "Kube Reserve's parity.cronjobs check passes, or has nothing to check",
      factIds: [RETRIEVER],
      rule: {
        conditions: {
          all: [
            {
              fact: 'parity.cronjobs',
              operator: 'in',
              value: ['pass', 'not-applicable', 'waived'],
            },
          ],
        },
      },
    };
    backend = await startDemoTestBackend(config);
    // The guest can sign in once the catalog holds the user.
    token = await eventually(
      async () =>
        (
          await request(backend.server)
            .post('/api/auth/guest/refresh')
            .set('Content-Type', 'application/json')
        ).body.backstageIdentity?.token ?? '',
      value => value !== '',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  /** What the facts should say of a report: its verdict, score and each check's state. */
  function expectedFacts(report: any) {
    return {
      verdict: report.verdict,
      score: report.score,
      failingChecks: report.checks
        .filter((c: any) => c.state === 'fail')
        .map((c: any) => c.id),
      ...Object.fromEntries(report.checks.map((c: any) => [c.id, c.state])),
    };
  }

  /**
   * The service's latest facts and its report, once the retriever has published facts that
   * agree with the report. The report is judged again every few seconds on the simulated
   * clusters (its `generatedAt` moves on), so the facts are compared with its content.
   */
  async function factsAndReport(service: string) {
    const read = async () => {
      const facts = await get(
        `/api/tech-insights/facts/latest?entity=component:default/${service}&ids[]=${RETRIEVER}`,
      );
      const report = await get(
        `/api/reserve/entities/component/default/${service}/readiness`,
      );
      return {
        facts: facts.body[RETRIEVER]?.facts,
        storedAt: facts.body[RETRIEVER]?.timestamp,
        report: report.body,
      };
    };
    const agree = ({ facts, report }: Awaited<ReturnType<typeof read>>) =>
      facts !== undefined &&
      Object.entries(expectedFacts(report)).every(
        ([name, value]) =>
          JSON.stringify(facts[name]) === JSON.stringify(value),
      );
    const both = await eventually(read, agree, 45_000);
    expect(both.facts).toMatchObject(expectedFacts(both.report));
    // Judged no later than the report read after them.
    expect(Date.parse(both.facts.judgedAt)).toBeLessThanOrEqual(
      Date.parse(both.report.generatedAt),
    );
    return both;
  }

  const runCheck = async (service: string, check: string) => {
    const res = await request(backend.server)
      .post(`/api/tech-insights/checks/run/default/component/${service}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ checks: [check] });
    expect(res.status).toBe(200);
    return res.body.find((r: any) => r.check.id === check);
  };

  it("publishes invoice-mailer's verdict, score and check states as the reserve backend reports them", async () => {
    const { facts, storedAt, report } = await factsAndReport('invoice-mailer');
    expect(Number.isNaN(Date.parse(storedAt))).toBe(false);
    // The demo's reserve CronJob left active (examples/README.md): not ready.
    expect(report.verdict).toBe('not-ready');
    expect(facts.verdict).toBe('not-ready');
    expect(facts['parity.cronjobs']).toBe('fail');
    expect(facts.failingChecks).toContain('parity.cronjobs');
    expect(facts.score).toBe(report.score);
  });

  it("publishes checkout's ready verdict and score as the reserve backend reports them", async () => {
    const { facts, report } = await factsAndReport('checkout');
    expect(report.verdict).toBe('ready');
    expect(facts).toMatchObject({
      verdict: 'ready',
      score: report.score,
      failingChecks: [],
    });
  });

  it('describes the facts in a schema: the verdict a string, the score an integer, each check a string', async () => {
    const res = await get(`/api/tech-insights/fact-schemas?ids[]=${RETRIEVER}`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      id: RETRIEVER,
      verdict: { type: 'string' },
      score: { type: 'integer' },
      judgedAt: { type: 'datetime' },
      failingChecks: { type: 'set' },
      'parity.cronjobs': { type: 'string' },
    });
  });

  it("fails the demo's Reserve ready check for invoice-mailer and passes it for checkout", async () => {
    await factsAndReport('invoice-mailer');
    await factsAndReport('checkout');
    const mailer = await runCheck('invoice-mailer', 'reserveReady');
    expect(mailer.result).toBe(false);
    expect(mailer.facts.verdict.value).toBe('not-ready');
    const checkout = await runCheck('checkout', 'reserveReady');
    expect(checkout.result).toBe(true);
  });

  it("fails the README's CronJob check for invoice-mailer, whose reserve CronJob is active, and passes it for checkout", async () => {
    await factsAndReport('invoice-mailer');
    await factsAndReport('checkout');
    expect(
      (await runCheck('invoice-mailer', 'reserveCronJobsSafe')).result,
    ).toBe(false);
    expect((await runCheck('checkout', 'reserveCronJobsSafe')).result).toBe(
      true,
    );
  });

  it("passes the demo's score check exactly when the report's score is 80 or more", async () => {
    for (const service of ['invoice-mailer', 'checkout']) {
      const { report } = await factsAndReport(service);
      const result = await runCheck(service, 'reserveScore80');
      expect({ service, passes: result.result }).toEqual({
        service,
        passes: report.score >= 80,
      });
    }
  });
});
