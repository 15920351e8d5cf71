import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CheckResult,
  EntityReport,
  OwnershipResponse,
} from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { createAuditLog } from './__testUtils__/auditLog';
import {
  intruder,
  owner,
  ownerOnlyPermissions,
} from './__testUtils__/ownerOnlyPermissions';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';
import { waitFor } from './__testUtils__/startReserveBackend';

jest.setTimeout(90_000);

const checkout = '/api/reserve/entities/component/default/checkout';
const byHand = {
  servingCluster: 'reserve-ams',
  note: 'switched DNS by hand at 14:20',
};

describe('the failed-over state of an entity', () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [ownerOnlyPermissions, auditLog.factory],
      reserve: { refresh: fastRefresh },
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s => Object.values(s).every(v => v === 'ok'));
  });
  afterAll(() => demo?.stop());

  const recordFailover = (body: object, user = owner) =>
    demo.post(`${checkout}/failover`, body, user);
  const failBack = (user = owner) =>
    request(demo.server)
      .delete(`${checkout}/failover`)
      .set('Authorization', mockCredentials.user.header(user));
  afterEach(async () => {
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());
    // Leave checkout serving from its primary for the next test.
    await failBack(owner);
    await demo.waitForClusters(s => Object.values(s).every(v => v === 'ok'));
  });

  const readiness = async (): Promise<EntityReport> => {
    const res = await demo.get(`${checkout}/readiness`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const readinessWhen = async (
    what: string,
    condition: (report: EntityReport) => boolean,
  ): Promise<EntityReport> => {
    let report = await readiness();
    await waitFor(what, async () => {
      report = await readiness();
      return condition(report);
    });
    return report;
  };
  const check = (report: EntityReport, id: string): CheckResult =>
    report.checks.find(c => c.id === id)!;

  it('records a failover done by hand, judging checkout from reserve-ams until a failback is recorded', async () => {
    const recorded = await recordFailover(byHand);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({
      servingCluster: 'reserve-ams',
      formerPrimary: 'prod-fra',
      since: expect.any(String),
      by: owner,
      note: 'switched DNS by hand at 14:20',
      pendingOnFormerPrimary: [],
    });

    const report = await readiness();
    expect(report.failover).toEqual(recorded.body);
    expect(report.situation).toEqual({
      kind: 'failed-over',
      message: `Serving from reserve-ams since ${recorded.body.since} (recorded by hand by ${owner}: switched DNS by hand at 14:20)`,
    });
    expect(report.namespaces).toEqual(['checkout']);
    expect(report.clusters.map(c => [c.name, c.roleInPair, c.role])).toEqual([
      ['reserve-ams', 'primary', 'reserve'],
      ['prod-fra', 'reserve', 'primary'],
    ]);
    expect(report.policy.clusters).toEqual({
      primary: 'prod-fra',
      reserves: ['reserve-ams'],
    });

    const again = await recordFailover(byHand);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      'component:default/checkout is already failed over to reserve-ams',
    );

    const ended = await failBack();
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      entityRef: 'component:default/checkout',
      servingCluster: 'reserve-ams',
      ended: { by: owner, at: expect.any(String) },
    });
    const after = await readiness();
    expect(after.failover).toBeUndefined();
    expect(after.situation).toBeUndefined();
    expect(after.clusters.map(c => [c.name, c.roleInPair])).toEqual([
      ['prod-fra', 'primary'],
      ['reserve-ams', 'reserve'],
    ]);

    const nothingToEnd = await failBack();
    expect(nothingToEnd.status).toBe(409);
    expect(nothingToEnd.body.error.message).toBe(
      'component:default/checkout is not failed over: there is nothing to fail back',
    );
  });

  it('audits failovers and failbacks recorded by hand, successful or not, naming who and what', async () => {
    const from = auditLog.lines.length;
    await recordFailover(byHand);
    await recordFailover(byHand);
    await failBack();
    const lines = auditLog.lines
      .slice(from)
      .filter(l => /^fail(over|back)-recorded$/.test(l.eventId));
    expect(lines.map(l => [l.eventId, l.status, l.meta.actor])).toEqual([
      ['failover-recorded', 'initiated', owner],
      ['failover-recorded', 'succeeded', owner],
      ['failover-recorded', 'initiated', owner],
      ['failover-recorded', 'failed', owner],
      ['failback-recorded', 'initiated', owner],
      ['failback-recorded', 'succeeded', owner],
    ]);
    expect(lines[1]).toMatchObject({
      severityLevel: 'high',
      meta: {
        entityRef: 'component:default/checkout',
        servingCluster: 'reserve-ams',
        note: 'switched DNS by hand at 14:20',
        formerPrimary: 'prod-fra',
      },
    });
    expect(lines[3].error).toContain('already failed over');
  });

  it('refuses bad input with a 400 naming the field, and users without reserve.action.execute with a 403', async () => {
    const noNote = await recordFailover({ servingCluster: 'reserve-ams' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.message).toContain('note: note is required');
    const extra = await recordFailover({ ...byHand, reserve: 'x' });
    expect(extra.status).toBe(400);
    const notAReserve = await recordFailover({
      servingCluster: 'reserve-fra-b',
      note: 'moved',
    });
    expect(notAReserve.status).toBe(400);
    expect(notAReserve.body.error.message).toBe(
      'servingCluster: reserve-fra-b is not a reserve of component:default/checkout (its reserves: reserve-ams)',
    );
    const unknownEntity = await demo.post(
      '/api/reserve/entities/component/default/no-such-service/failover',
      byHand,
      owner,
    );
    expect(unknownEntity.status).toBe(404);

    expect((await recordFailover(byHand, intruder)).status).toBe(403);
    expect((await readiness()).failover).toBeUndefined();
    await recordFailover(byHand);
    expect((await failBack(intruder)).status).toBe(403);
    expect((await readiness()).failover).toBeDefined();
  });

  it("shows on the group's rollup which services are failed over", async () => {
    const recorded = await recordFailover(byHand);
    const res = await demo.get(
      '/api/reserve/ownership?group=group:default/team-payments',
    );
    const rows = (res.body as OwnershipResponse).entities;
    expect(
      rows.find(r => r.entityRef === 'component:default/checkout')?.failedOver,
    ).toEqual({ servingCluster: 'reserve-ams', since: recorded.body.since });
    expect(
      rows.find(r => r.entityRef === 'component:default/payments-api'),
    ).not.toHaveProperty('failedOver');
  });

  it('tells the truth first when the primary refuses connections: since when, and what is still known', async () => {
    demo.sim.cluster('prod-fra').faults.set({ refuseConnections: true });
    const report = await readinessWhen(
      'the report to say prod-fra is unreachable',
      r => r.situation?.kind === 'primary-unreachable',
    );
    const prodFra = report.clusters.find(c => c.name === 'prod-fra')!.status;
    expect(report.situation?.message).toBe(
      `prod-fra unreachable since ${prodFra.staleSince}; last data ${prodFra.collectedAt}`,
    );
    expect(check(report, 'backup.fresh').state).toBe('pass');
    expect(check(report, 'backup.fresh').message).toMatch(
      /^Backup hourly-\d+ seen through reserve-ams's location default, the newest restore point, started .* ago, within the RPO of 4 h$/,
    );
    expect(report.backups?.rpo.recoveryPoint?.cluster).toBe('reserve-ams');
    expect(check(report, 'backup.schedule')).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining(
        `; last known ${prodFra.collectedAt}: Schedule hourly (0 * * * *) on prod-fra covers the entity`,
      ),
    });
    expect(report.backups?.schedules.map(s => s.name)).toEqual(['hourly']);
  });

  it('expects the former primary not to answer while failed over: nothing is unknown for want of it', async () => {
    demo.sim.cluster('prod-fra').faults.set({ refuseConnections: true });
    await demo.waitForClusters(s => s['prod-fra'] === 'unreachable');
    await recordFailover(byHand);
    const report = await readiness();
    expect(report.situation?.kind).toBe('failed-over');
    expect(
      report.checks.filter(c => c.state === 'unknown').map(c => c.id),
    ).toEqual([]);
    expect(report.verdict).not.toBe('unknown');
    expect(check(report, 'topology.reachable')).toMatchObject({
      state: 'warn',
      message: expect.stringMatching(
        /^prod-fra, the former primary, is unreachable \(expected while failed over\): .*ECONNREFUSED.*; fail back once it answers$/,
      ),
    });
    expect(
      check(report, 'parity.images').clusters.find(
        c => c.cluster === 'prod-fra',
      ),
    ).toMatchObject({
      state: 'not-applicable',
      message: expect.stringMatching(
        /^prod-fra, the former primary, is unreachable \(expected while failed over\)/,
      ),
    });
  });
});
