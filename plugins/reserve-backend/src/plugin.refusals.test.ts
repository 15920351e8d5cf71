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
});
