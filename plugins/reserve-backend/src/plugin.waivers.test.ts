import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CheckResult,
  EntityReport,
  EntityWaivers,
  Waiver,
  getCheckDefinition,
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
  startDemoBackend,
} from './__testUtils__/startDemoBackend';
import { waitFor } from './__testUtils__/startReserveBackend';

jest.setTimeout(90_000);

const entities = '/api/reserve/entities/component/default';
const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toISOString();

describe('waivers', () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [ownerOnlyPermissions, auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s => Object.values(s).every(v => v === 'ok'));
  });
  afterAll(() => demo?.stop());

  const waive = (name: string, body: object, user = owner) =>
    demo.post(`${entities}/${name}/waivers`, body, user);
  const revoke = (id: string, user = owner) =>
    request(demo.server)
      .delete(`/api/reserve/waivers/${id}`)
      .set('Authorization', mockCredentials.user.header(user));
  const readiness = async (name: string): Promise<EntityReport> => {
    const res = await demo.get(`${entities}/${name}/readiness`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const check = (report: EntityReport, id: string): CheckResult =>
    report.checks.find(c => c.id === id)!;
  const criticalFailures = (report: EntityReport) =>
    report.checks
      .filter(
        c =>
          c.state === 'fail' &&
          getCheckDefinition(c.id).severity === 'critical',
      )
      .map(c => c.id);

  it("turns invoice-mailer's accepted CronJob risk into a waived check until it is revoked, and audits both", async () => {
    const before = await readiness('invoice-mailer');
    expect(before.verdict).toBe('not-ready');
    // parity.cronjobs is its only failing critical check.
    expect(criticalFailures(before)).toEqual(['parity.cronjobs']);
    const from = auditLog.lines.length;

    const created = await waive('invoice-mailer', {
      checkId: 'parity.cronjobs',
      reason:
        'the reserve sends its own dunning mails until INC-4711 is closed',
      expiresAt: inDays(7),
    });
    expect(created.status).toBe(201);
    const waiver: Waiver = created.body;
    expect(waiver).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      entityRef: 'component:default/invoice-mailer',
      checkId: 'parity.cronjobs',
      reason:
        'the reserve sends its own dunning mails until INC-4711 is closed',
      createdBy: owner,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });

    // This instance's write drops the kept report at once.
    const waived = await readiness('invoice-mailer');
    expect(check(waived, 'parity.cronjobs')).toMatchObject({
      state: 'waived',
      waiver: {
        id: waiver.id,
        by: owner,
        reason: waiver.reason,
        expiresAt: waiver.expiresAt,
        underlyingState: 'fail',
      },
    });
    expect(criticalFailures(waived)).toEqual([]);
    expect(waived.verdict).not.toBe('not-ready');
    expect(waived.score).toBeGreaterThan(before.score);

    const listed = await demo.get(`${entities}/invoice-mailer/waivers`);
    expect(listed.status).toBe(200);
    expect(listed.body as EntityWaivers).toEqual({
      entityRef: 'component:default/invoice-mailer',
      inForce: [waiver],
      past: [],
      limits: {
        maxDurationMs: 90 * DAY_MS,
        criticalMaxDurationMs: 14 * DAY_MS,
      },
    });

    // Its team's rollup lists the waiver while it is in force.
    const rollup = await demo.get(
      '/api/reserve/ownership?group=group:default/team-payments',
    );
    expect(
      rollup.body.entities.find(
        (row: { entityRef: string }) =>
          row.entityRef === 'component:default/invoice-mailer',
      ).waivers,
    ).toEqual([waiver]);

    const again = await waive('invoice-mailer', {
      checkId: 'parity.cronjobs',
      reason: 'once more',
      expiresAt: inDays(3),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      `is already waived until ${waiver.expiresAt}`,
    );

    const revoked = await revoke(waiver.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toEqual({ by: owner, at: expect.any(String) });
    expect(
      check(await readiness('invoice-mailer'), 'parity.cronjobs').state,
    ).toBe('fail');
    const after = await demo.get(
      '/api/reserve/ownership?group=group:default/team-payments',
    );
    expect(
      after.body.entities.find(
        (row: { entityRef: string }) =>
          row.entityRef === 'component:default/invoice-mailer',
      ).waivers,
    ).toBeUndefined();
    const twice = await revoke(waiver.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('was revoked already');

    const lines = auditLog.lines
      .slice(from)
      .filter(l => l.eventId.startsWith('waiver-'));
    expect(lines.map(l => [l.eventId, l.status, l.meta.actor])).toEqual([
      ['waiver-created', 'initiated', owner],
      ['waiver-created', 'succeeded', owner],
      ['waiver-created', 'initiated', owner],
      ['waiver-created', 'failed', owner],
      ['waiver-revoked', 'initiated', owner],
      ['waiver-revoked', 'succeeded', owner],
      ['waiver-revoked', 'initiated', owner],
      ['waiver-revoked', 'failed', owner],
    ]);
    expect(lines[1].meta).toMatchObject({
      entityRef: 'component:default/invoice-mailer',
      checkId: 'parity.cronjobs',
      reason: waiver.reason,
      waiverId: waiver.id,
    });
  });

  it('refuses bad waivers with a message naming the field, and stores none of them', async () => {
    const valid = {
      checkId: 'workload.replicas',
      reason: 'a single replica is enough for a batch job',
      expiresAt: inDays(30),
    };
    const cases: Array<[object, string]> = [
      [
        { ...valid, checkId: 'parity.cronjobs', expiresAt: inDays(30) },
        'expiresAt: a waiver of a critical check may last at most 14 d',
      ],
      [{ ...valid, expiresAt: inDays(91) }, 'may last at most 90 d'],
      [
        { ...valid, expiresAt: '2026-01-01T00:00:00Z' },
        'expiresAt: 2026-01-01T00:00:00Z is not in the future',
      ],
      [{ ...valid, expiresAt: 'next week' }, 'expiresAt must be an ISO 8601'],
      [
        { ...valid, checkId: 'workload.nope' },
        'is not a check of the catalogue',
      ],
      [{ ...valid, reason: '   ' }, 'reason is empty'],
      [
        { checkId: valid.checkId, expiresAt: valid.expiresAt },
        'reason is required',
      ],
      [
        { ...valid, cluster: 'reserve-waw' },
        'cluster: reserve-waw is not a cluster of component:default/recommendations (its clusters: prod-fra, reserve-ams)',
      ],
      [{ ...valid, extra: true }, 'extra'],
    ];
    for (const [body, message] of cases) {
      const res = await waive('recommendations', body);
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        expect.stringContaining(message),
      ]);
    }
    const listed = await demo.get(`${entities}/recommendations/waivers`);
    expect(listed.body.inForce).toEqual([]);
    expect(
      check(await readiness('recommendations'), 'workload.replicas').state,
    ).toBe('fail');
  });

  it('lets only those allowed waive or revoke, and answers 404 for what does not exist', async () => {
    const body = {
      checkId: 'workload.pdb',
      cluster: 'prod-fra',
      reason: 'the PDB comes with the next release',
      expiresAt: inDays(2),
    };
    const refused = await waive('recommendations', body, intruder);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Not allowed to reserve.waiver.create on component:default/recommendations',
    );
    const created = await waive('recommendations', body);
    expect(created.status).toBe(201);
    expect((await revoke(created.body.id, intruder)).status).toBe(403);
    expect((await revoke(created.body.id)).status).toBe(200);

    const missing = await revoke('00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No waiver 00000000-0000-4000-8000-000000000000',
    );
    expect((await revoke('not-a-uuid')).status).toBe(400);
    expect((await waive('no-such-service', body)).status).toBe(404);
  });

  it('stops counting a waiver by itself when it expires', async () => {
    const created = await waive('recommendations', {
      checkId: 'workload.replicas',
      reason: 'scaled up in the next minute',
      expiresAt: new Date(Date.now() + 3000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(
      check(await readiness('recommendations'), 'workload.replicas').state,
    ).toBe('waived');
    await waitFor(
      'the lapsed waiver to stop counting',
      async () =>
        check(await readiness('recommendations'), 'workload.replicas').state ===
        'fail',
      10_000,
    );
    // Not before it expired.
    expect(Date.now()).toBeGreaterThanOrEqual(
      Date.parse(created.body.expiresAt),
    );
    const listed = await demo.get(`${entities}/recommendations/waivers`);
    expect(listed.body.past.map((w: Waiver) => w.id)).toContain(
      created.body.id,
    );
  });
});
