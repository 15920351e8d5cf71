import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(60_000);

// Input that makes no sense is refused with a 400 naming what is wrong, through every way in.
describe('input that makes no sense, against the demo', () => {
  let demo: DemoBackend;

  beforeAll(async () => {
    demo = await startDemoBackend();
    await demo.waitForCatalog();
  });

  afterAll(() => demo?.stop());

  // As Backstage's actions service (and so an MCP client) invokes a registered action.
  const invoke = (action: string, input: object) =>
    demo.post(
      `/api/reserve/.backstage/actions/v1/actions/reserve:${action}/invoke`,
      input,
    );

  it.each([[''], [':::'], ['component:']])(
    'refuses readiness of the entity reference %j with a 400 naming entityRef',
    async entityRef => {
      const res = await invoke('get-reserve-readiness', { entityRef });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/entityRef/);
    },
  );

  it('refuses to plan for a malformed entity reference with a 400 naming entityRef', async () => {
    const res = await invoke('plan-reserve-action', {
      entityRef: ':::',
      action: 'failover',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/entityRef/);
  });

  it('still answers readiness of a well-formed reference through the action', async () => {
    const res = await invoke('get-reserve-readiness', {
      entityRef: 'checkout',
    });
    expect(res.status).toBe(200);
    expect(res.body.output.entityRef).toBe('component:default/checkout');
  });

  describe('entity kinds without workloads', () => {
    const group = '/api/reserve/entities/group/default/team-payments';
    const refusal =
      /applies to kinds Component, Resource; group:default\/team-payments is a Group/;

    it.each([
      ['readiness', () => demo.get(`${group}/readiness`)],
      ['runbooks', () => demo.get(`${group}/runbooks`)],
      ['plans', () => demo.post(`${group}/actions/failover/plan`)],
      [
        'executions',
        () =>
          demo.post(`${group}/actions/failover/executions`, {
            planId: '00000000-0000-4000-8000-000000000000',
            confirmation: 'team-payments',
          }),
      ],
      ['executions', () => demo.get(`${group}/executions`)],
    ])(
      'refuses %s of a Group with a 400 naming its kind',
      async (what, ask) => {
        const res = await ask();
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(refusal);
        expect(res.body.error.message).toMatch(new RegExp(`^${what} `));
      },
    );

    it('refuses readiness and plans of a User through the registered actions', async () => {
      const readiness = await invoke('get-reserve-readiness', {
        entityRef: 'user:default/guest',
      });
      expect(readiness.status).toBe(400);
      expect(readiness.body.error.message).toBe(
        'readiness applies to kinds Component, Resource; user:default/guest is a User',
      );
      const planned = await invoke('plan-reserve-action', {
        entityRef: 'user:default/guest',
        action: 'failover',
      });
      expect(planned.status).toBe(400);
      expect(planned.body.error.message).toMatch(/^plans applies to kinds/);
    });
  });
});
