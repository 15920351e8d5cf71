import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(60_000);

const allOk = (states: Record<string, string>) =>
  Object.keys(states).length === 3 &&
  Object.values(states).every(state => state === 'ok');

describe('reserve readiness of the demo services, against the simulated clusters', () => {
  let demo: DemoBackend;

  beforeAll(async () => {
    demo = await startDemoBackend();
    await demo.waitForCatalog();
    await demo.waitForClusters(allOk);
  });

  afterAll(() => demo?.stop());

  const readiness = async (name: string): Promise<EntityReport> => {
    const res = await demo.get(
      `/api/reserve/entities/component/default/${name}/readiness`,
    );
    expect(res.status).toBe(200);
    return res.body;
  };
  const check = (report: EntityReport, id: string) => {
    const found = report.checks.find(c => c.id === id);
    if (!found) throw new Error(`${report.entityRef} has no ${id}`);
    return found;
  };
  // A check's state with its message, so that a failed expectation says why.
  const outcome = (report: EntityReport, id: string) => {
    const { state, message } = check(report, id);
    return `${id} ${state}: ${message}`;
  };

  it('lists every configured cluster with its facts, version and certificate', async () => {
    const res = await demo.get('/api/reserve/clusters');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.clusters.map((c: any) => [c.name, c]),
    );
    expect(byName['prod-fra']).toMatchObject({
      role: 'primary',
      site: 'fra1',
      version: 'v1.35.1',
      status: { state: 'ok' },
    });
    expect(byName['reserve-fra-b'].version).toBe('v1.33.6');
    const certDays =
      (Date.parse(byName['reserve-fra-b'].apiCertificate.notAfter) -
        Date.now()) /
      86_400_000;
    expect(certDays).toBeGreaterThan(17);
    expect(certDays).toBeLessThan(19);
    expect(byName['reserve-ams'].snapshotAgeMs).toBeLessThan(10_000);
  });

  it('finds checkout, the model service, fully mirrored on its reserve', async () => {
    const report = await readiness('checkout');
    expect(report.clusters.map(c => [c.name, c.roleInPair])).toEqual([
      ['prod-fra', 'primary'],
      ['reserve-ams', 'reserve'],
    ]);
    for (const id of [
      'parity.deployed',
      'parity.images',
      'parity.cronjobs',
      'parity.site-config',
      'workload.replicas',
      'workload.pdb',
    ]) {
      expect(check(report, id).state).toBe('pass');
    }
  });

  it('finds the image drift of payments-api', async () => {
    const images = check(await readiness('payments-api'), 'parity.images');
    expect(images.state).toBe('fail');
    expect(JSON.stringify(images)).toContain('2.6.4');
  });

  it('fails invoice-mailer for its reserve CronJob left active', async () => {
    const report = await readiness('invoice-mailer');
    const cronjobs = check(report, 'parity.cronjobs');
    expect(cronjobs.state).toBe('fail');
    expect(JSON.stringify(cronjobs)).toContain('invoice-mailer-dunning');
    expect(report.verdict).toBe('not-ready');
  });

  it('fails catalog-api whose reserve ConfigMap still points at the primary database', async () => {
    const siteConfig = check(
      await readiness('catalog-api'),
      'parity.site-config',
    );
    expect(siteConfig.state).toBe('fail');
    expect(JSON.stringify(siteConfig)).toContain('catalog-api-db');
  });

  it('fails recommendations for its single replica without a PDB', async () => {
    const report = await readiness('recommendations');
    expect(check(report, 'workload.replicas').state).toBe('fail');
    expect(check(report, 'workload.pdb').state).toBe('fail');
  });

  it('fails reviews-api, which is missing from the reserve', async () => {
    const report = await readiness('reviews-api');
    expect(outcome(report, 'parity.deployed')).toMatch(
      'parity.deployed fail: ',
    );
    expect(report.verdict).toBe('not-ready');
  });

  it("fails search-indexer, whose reserve is in the primary's own site", async () => {
    const report = await readiness('search-indexer');
    expect(report.clusters.map(c => c.name)).toEqual([
      'prod-fra',
      'reserve-fra-b',
    ]);
    expect(check(report, 'topology.failure-domain').state).toBe('fail');
    expect(report.verdict).toBe('not-ready');
  });

  it('labels reporting, without a reserve by decision, as an accepted risk', async () => {
    const exists = check(
      await readiness('reporting'),
      'topology.reserve-exists',
    );
    expect(exists).toMatchObject({ state: 'fail', acceptedRisk: true });
  });

  it('records the restore drill of checkout seen on its reserve, with its duration', async () => {
    let report = await readiness('checkout');
    const deadline = Date.now() + 30_000;
    while (!report.backups?.drills.length && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 200));
      report = await readiness('checkout');
    }
    expect(report.backups!.drills[0]).toMatchObject({
      cluster: 'reserve-ams',
      restoreName: 'checkout-drill-20261120103015',
      phase: 'Completed',
    });
    expect(report.backups!.drills[0].durationMs).toBeGreaterThan(0);
    expect(check(report, 'backup.restore-drill').state).toBe('pass');
  });

  it("judges event-store's daily snapshot-only backups against its 1h RPO", async () => {
    const report = await readiness('event-store');
    for (const id of ['backup.schedule', 'backup.healthy', 'backup.volumes']) {
      expect(outcome(report, id)).toMatch(`${id} fail: `);
    }
    expect(report.backups!.backups.some(b => b.phase === 'Failed')).toBe(true);
  });

  it('fails reporting, whose only schedule is paused', async () => {
    expect(outcome(await readiness('reporting'), 'backup.schedule')).toMatch(
      /^backup.schedule fail: .*paused/,
    );
  });

  it('finds the platform faults of reserve-fra-b where search-indexer would fail over', async () => {
    const report = await readiness('search-indexer');
    expect(check(report, 'platform.api-cert').state).toBe('warn');
    for (const id of [
      'platform.version-skew',
      'platform.control-plane',
      'platform.leader-election',
      'platform.ingress-controller',
      'backup.location',
    ]) {
      expect(outcome(report, id)).toMatch(`${id} fail: `);
    }
    const checkout = await readiness('checkout');
    expect(
      checkout.checks.filter(
        c =>
          c.id.startsWith('platform.') &&
          c.state !== 'pass' &&
          c.state !== 'not-applicable',
      ),
    ).toEqual([]);
  });

  it('rolls up what a team owns, with its child groups when aggregated', async () => {
    const direct = await demo.get(
      '/api/reserve/ownership?group=group:default/team-payments',
    );
    expect(direct.status).toBe(200);
    expect(direct.body.entities.map((r: any) => r.entityRef).sort()).toEqual([
      'component:default/checkout',
      'component:default/invoice-mailer',
      'component:default/payments-api',
    ]);
    const row = direct.body.entities.find(
      (r: any) => r.entityRef === 'component:default/invoice-mailer',
    );
    expect(row).toMatchObject({
      verdict: 'not-ready',
      worstFinding: { checkId: 'parity.cronjobs' },
    });

    const engineering = await demo.get(
      '/api/reserve/ownership?group=engineering&aggregate=true',
    );
    expect(engineering.body.entities).toHaveLength(10 - 0);
    const platform = await demo.get('/api/reserve/ownership?group=platform');
    expect(
      platform.body.clusters.map((c: any) => c.summary?.name).sort(),
    ).toEqual(['prod-fra', 'reserve-ams', 'reserve-fra-b']);
  });
});
