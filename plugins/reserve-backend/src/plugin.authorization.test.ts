import { mockCredentials } from '@backstage/backend-test-utils';
import { ActionExecution } from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { createAuditLog } from './__testUtils__/auditLog';
import {
  denyCheckoutToOutsider,
  outsider,
  owner,
} from './__testUtils__/ownerOnlyPermissions';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(90_000);

const checkoutRef = 'component:default/checkout';

const entity = (name: string) =>
  `/api/reserve/entities/component/default/${name}`;
// As Backstage's actions service (and so an MCP client) invokes a registered action.
const action = (name: string) =>
  `/api/reserve/.backstage/actions/v1/actions/reserve:${name}/invoke`;

describe('a policy denying readiness of one entity', () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();
  let execution: ActionExecution;

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [denyCheckoutToOutsider, auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s =>
      Object.values(s).every(state => state === 'ok'),
    );
    // A run of checkout by its owner, which the outsider must not learn of.
    const plan = await demo.post(
      `${entity('checkout')}/actions/backup-now/plan`,
      {},
      owner,
    );
    if (plan.status !== 200) throw new Error(JSON.stringify(plan.body));
    const started = await demo.post(
      `${entity('checkout')}/actions/backup-now/executions`,
      { planId: plan.body.id, confirmation: 'checkout' },
      owner,
    );
    if (started.status !== 202) throw new Error(JSON.stringify(started.body));
    execution = started.body;
  });
  afterAll(() => demo?.stop());

  // What a caller who may not read gets must be what a missing entity gets.
  const asMissing = async (
    res: { status: number; body: any },
    missing: { status: number; body: any },
  ) => {
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      ...missing.body.error,
      message: missing.body.error.message.replace(
        'no-such-service',
        'checkout',
      ),
    });
    expect(missing.status).toBe(404);
  };

  it('is refused through HTTP as if checkout did not exist, while other entities answer', async () => {
    for (const path of ['readiness', 'runbooks']) {
      await asMissing(
        await demo.get(`${entity('checkout')}/${path}`, outsider),
        await demo.get(`${entity('no-such-service')}/${path}`, outsider),
      );
      expect((await demo.get(`${entity('checkout')}/${path}`)).status).toBe(
        200,
      );
      expect(
        (await demo.get(`${entity('catalog-api')}/${path}`, outsider)).status,
      ).toBe(200);
    }
    // A list is filtered: the outsider sees checkout's executions as those of an entity that
    // does not exist, none; its owner sees the run.
    const hidden = await demo.get(`${entity('checkout')}/executions`, outsider);
    const none = await demo.get(
      `${entity('no-such-service')}/executions`,
      outsider,
    );
    expect([hidden.status, hidden.body.executions]).toEqual([200, []]);
    expect([none.status, none.body.executions]).toEqual([200, []]);
    const mine = await demo.get(`${entity('checkout')}/executions`);
    expect(mine.body.executions.map((e: ActionExecution) => e.id)).toContain(
      execution.id,
    );
    await asMissing(
      await demo.post(
        `${entity('checkout')}/actions/failover/plan`,
        {},
        outsider,
      ),
      await demo.post(
        `${entity('no-such-service')}/actions/failover/plan`,
        {},
        outsider,
      ),
    );
  });

  it('is refused through both registered actions, storing no plan', async () => {
    const plansBefore = auditLog.lines.filter(
      line => line.eventId === 'action-plan',
    ).length;
    for (const [name, input] of [
      ['get-reserve-readiness', { entityRef: checkoutRef }],
      ['plan-reserve-action', { entityRef: checkoutRef, action: 'failover' }],
    ] as const) {
      const denied = await demo.post(action(name), input, outsider);
      expect(denied.status).toBe(404);
      expect(denied.body.error.message).toBe(
        `No entity ${checkoutRef} in the catalog`,
      );
      // The same action answers for an entity the policy leaves readable.
      const allowed = await demo.post(
        action(name),
        { ...input, entityRef: 'component:default/catalog-api' },
        outsider,
      );
      expect([200, 409]).toContain(allowed.status);
    }
    const plansAfter = auditLog.lines.filter(
      line =>
        line.eventId === 'action-plan' && line.meta.entityRef === checkoutRef,
    );
    expect(
      plansAfter.filter(line => line.meta.actor === outsider),
    ).toHaveLength(0);
    expect(
      auditLog.lines.filter(line => line.eventId === 'action-plan').length,
    ).toBeGreaterThan(plansBefore);
  });

  it('answers 404 for an execution of checkout, without naming checkout', async () => {
    const denied = await demo.get(
      `/api/reserve/executions/${execution.id}`,
      outsider,
    );
    const missing = await demo.get(
      '/api/reserve/executions/00000000-0000-4000-8000-000000000000',
      outsider,
    );
    expect(denied.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(denied.body.error.message).toBe(`No execution ${execution.id}`);
    expect(JSON.stringify(denied.body)).not.toContain('checkout');
    const resumed = await demo.post(
      `/api/reserve/executions/${execution.id}/resume`,
      { confirmation: 'checkout' },
      outsider,
    );
    expect(resumed.status).toBe(404);
    expect(JSON.stringify(resumed.body)).not.toContain('checkout');
    // Its owner reads it.
    const read = await demo.get(`/api/reserve/executions/${execution.id}`);
    expect(read.status).toBe(200);
    expect(read.body.entityRef).toBe(checkoutRef);
  });

  it('leaves checkout out of its team rollup for the outsider only', async () => {
    const rollup = (user?: string) =>
      demo.get(
        '/api/reserve/ownership?group=group:default/team-payments',
        user,
      );
    const rows = (res: { body: { entities: { entityRef: string }[] } }) =>
      res.body.entities.map(row => row.entityRef);
    const mine = await rollup();
    const theirs = await rollup(outsider);
    expect(rows(mine)).toContain(checkoutRef);
    expect(rows(theirs)).not.toContain(checkoutRef);
    expect(rows(theirs)).toEqual(rows(mine).filter(r => r !== checkoutRef));
  });

  it("hides checkout's waivers, and a waiver of it, as if neither existed", async () => {
    const body = {
      checkId: 'workload.pdb',
      reason: 'the PDB comes with the next release',
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString(),
    };
    await asMissing(
      await demo.get(`${entity('checkout')}/waivers`, outsider),
      await demo.get(`${entity('no-such-service')}/waivers`, outsider),
    );
    const waived = await demo.post(
      `${entity('checkout')}/waivers`,
      body,
      outsider,
    );
    expect([waived.status, waived.body.error.message]).toEqual([
      404,
      `No entity ${checkoutRef} in the catalog`,
    ]);
    const created = await demo.post(
      `${entity('checkout')}/waivers`,
      body,
      owner,
    );
    expect(created.status).toBe(201);
    const revoke = (id: string) =>
      request(demo.server)
        .delete(`/api/reserve/waivers/${id}`)
        .set('Authorization', mockCredentials.user.header(outsider));
    const hidden = await revoke(created.body.id);
    const missing = await revoke('00000000-0000-4000-8000-000000000000');
    expect([hidden.status, hidden.body.error.message]).toEqual([
      404,
      `No waiver ${created.body.id}`,
    ]);
    expect(missing.status).toBe(404);
    // Waivers of an entity the outsider may read are listed to it.
    const readable = await demo.get(
      `${entity('catalog-api')}/waivers`,
      outsider,
    );
    expect(readable.status).toBe(200);
  });

  it('refuses a change with 403 to whoever may read but not change', async () => {
    const res = await demo.post(
      `${entity('catalog-api')}/failover`,
      { servingCluster: 'reserve-ams', note: 'switched DNS by hand' },
      outsider,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    // And with 404 to whoever may not even read it.
    const hidden = await demo.post(
      `${entity('checkout')}/failover`,
      { servingCluster: 'reserve-ams', note: 'switched DNS by hand' },
      outsider,
    );
    expect(hidden.status).toBe(404);
  });
});
