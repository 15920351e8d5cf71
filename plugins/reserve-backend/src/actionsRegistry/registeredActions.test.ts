import {
  ActionExecution,
  ActionPlan,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import { createAuditLog } from '../__testUtils__/auditLog';
import {
  denyCheckoutToOutsider,
  outsider,
  owner,
} from '../__testUtils__/ownerOnlyPermissions';
import {
  DemoBackend,
  startDemoBackend,
} from '../__testUtils__/startDemoBackend';
import { waitFor } from '../__testUtils__/startReserveBackend';

jest.setTimeout(90_000);

const checkoutRef = 'component:default/checkout';
const checkout = '/api/reserve/entities/component/default/checkout';
// Backstage's actions registry, as its actions service (and so an MCP client) calls it.
const actions = '/api/reserve/.backstage/actions/v1/actions';

describe("the actions registered in Backstage's actions registry", () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [denyCheckoutToOutsider, auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s =>
      Object.values(s).every(state => state === 'ok'),
    );
  });
  afterAll(() => demo?.stop());

  const invoke = (name: string, input: object, user?: string) =>
    demo.post(`${actions}/reserve:${name}/invoke`, input, user);

  it('are listed as read-only: neither changes a cluster', async () => {
    const res = await demo.get(actions);
    expect(res.status).toBe(200);
    const listed = Object.fromEntries(
      res.body.actions.map((a: { id: string; attributes: object }) => [
        a.id,
        a.attributes,
      ]),
    );
    expect(listed).toEqual({
      'reserve:get-reserve-readiness': {
        readOnly: true,
        idempotent: true,
        destructive: false,
      },
      'reserve:plan-reserve-action': {
        readOnly: true,
        idempotent: false,
        destructive: false,
      },
    });
  });

  it.each([
    ['get-reserve-readiness', { entityRef: 'component:default/check out' }],
    ['get-reserve-readiness', { entityRef: 'component:default/' }],
    ['plan-reserve-action', { entityRef: ':::', action: 'failover' }],
    [
      'plan-reserve-action',
      { entityRef: 'component:default/check out', action: 'failover' },
    ],
  ])(
    '%s refuses the malformed entity reference of %j with a 400 naming entityRef',
    async (name, input) => {
      const res = await invoke(name, input, owner);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^Invalid input: entityRef: /),
      });
    },
  );

  it.each<[string, object, string]>([
    ['get-reserve-readiness', {}, 'entityRef'],
    ['get-reserve-readiness', { entityRef: 42 }, 'entityRef'],
    ['plan-reserve-action', { entityRef: checkoutRef }, 'action'],
    [
      'plan-reserve-action',
      { entityRef: checkoutRef, action: 'reboot' },
      'action',
    ],
    [
      'plan-reserve-action',
      { entityRef: checkoutRef, action: 'failover', scaleDownPrimary: 'yes' },
      'scaleDownPrimary',
    ],
  ])(
    '%s refuses input its schema does not allow, %j, with a 400 naming the field',
    async (name, input, field) => {
      const res = await invoke(name, input, owner);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      const { message } = res.body.error;
      expect(message).toMatch(
        new RegExp(`^Invalid input to action "reserve:${name}"`),
      );
      expect(message).toMatch(new RegExp(`"path": \\[\\s*"${field}"`));
    },
  );

  describe('get-reserve-readiness', () => {
    it("answers the verdict, score and checks of the readiness API's report", async () => {
      // The report the API answers just before and just after the action, unchanged between
      // (a collection in between makes a new one: ask again).
      let report: EntityReport | undefined;
      let output: unknown;
      await waitFor('a report unchanged around the action', async () => {
        const before = await demo.get(`${checkout}/readiness`, owner);
        const res = await invoke(
          'get-reserve-readiness',
          { entityRef: checkoutRef },
          owner,
        );
        const after = await demo.get(`${checkout}/readiness`, owner);
        expect([before.status, res.status, after.status]).toEqual([
          200, 200, 200,
        ]);
        report = before.body;
        output = res.body.output;
        return before.body.generatedAt === after.body.generatedAt;
      });
      expect(output).toEqual({
        entityRef: checkoutRef,
        verdict: report!.verdict,
        score: report!.score,
        generatedAt: report!.generatedAt,
        checks: report!.checks.map(({ id, state, message }) => ({
          id,
          state,
          message,
        })),
      });
      expect(report!.checks.length).toBeGreaterThan(0);
    });

    it('answers a caller denied readiness of the entity as if it did not exist (404)', async () => {
      const denied = await invoke(
        'get-reserve-readiness',
        { entityRef: checkoutRef },
        outsider,
      );
      const missing = await invoke(
        'get-reserve-readiness',
        { entityRef: 'component:default/no-such-service' },
        outsider,
      );
      expect([denied.status, missing.status]).toEqual([404, 404]);
      expect(denied.body.error).toEqual({
        ...missing.body.error,
        message: `No entity ${checkoutRef} in the catalog`,
      });
      // The same caller reads another entity.
      const allowed = await invoke(
        'get-reserve-readiness',
        { entityRef: 'component:default/catalog-api' },
        outsider,
      );
      expect(allowed.status).toBe(200);
      expect(allowed.body.output.entityRef).toBe(
        'component:default/catalog-api',
      );
    });
  });

  describe('plan-reserve-action', () => {
    it('plans as the API does, storing the plan for the caller, which a person then runs through the API', async () => {
      const res = await invoke(
        'plan-reserve-action',
        { entityRef: checkoutRef, action: 'failover' },
        owner,
      );
      expect(res.status).toBe(200);
      const viaApi = await demo.post(
        `${checkout}/actions/failover/plan`,
        {},
        owner,
      );
      expect(viaApi.status).toBe(200);
      const plan: ActionPlan = viaApi.body;
      const { output } = res.body;
      expect(output).toEqual({
        planId: expect.any(String),
        entityRef: checkoutRef,
        action: 'failover',
        steps: plan.steps.map(({ index, kind, title, cluster }) => ({
          index,
          kind,
          title,
          cluster,
        })),
        warnings: plan.warnings,
      });
      expect(output.planId).not.toBe(plan.id);
      expect(
        auditLog.lines.filter(
          line =>
            line.eventId === 'action-plan' &&
            line.meta.planId === output.planId,
        ),
      ).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            actor: owner,
            entityRef: checkoutRef,
          }),
        }),
      ]);

      // The plan is stored: its owner runs it with the typed confirmation.
      const started = await demo.post(
        `${checkout}/actions/failover/executions`,
        { planId: output.planId, confirmation: 'checkout' },
        owner,
      );
      expect(started.status).toBe(202);
      let execution: ActionExecution = started.body;
      await waitFor('the run to end', async () => {
        execution = (
          await demo.get(`/api/reserve/executions/${execution.id}`, owner)
        ).body;
        return execution.state !== 'running';
      });
      expect(execution).toMatchObject({
        planId: output.planId,
        state: 'succeeded',
      });
    });

    it('answers a caller denied readiness of the entity as if it did not exist (404), storing no plan', async () => {
      const denied = await invoke(
        'plan-reserve-action',
        { entityRef: checkoutRef, action: 'backup-now' },
        outsider,
      );
      const missing = await invoke(
        'plan-reserve-action',
        {
          entityRef: 'component:default/no-such-service',
          action: 'backup-now',
        },
        outsider,
      );
      expect([denied.status, missing.status]).toEqual([404, 404]);
      expect(denied.body.error).toEqual({
        ...missing.body.error,
        message: `No entity ${checkoutRef} in the catalog`,
      });
      expect(
        auditLog.lines.filter(
          line =>
            line.eventId === 'action-plan' && line.meta.actor === outsider,
        ),
      ).toEqual([]);
    });
  });
});
