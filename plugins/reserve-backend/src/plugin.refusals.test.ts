import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(60_000);

// Input that makes no sense is refused with a 400 naming what is wrong, through every way in.
describe('input that makes no sense, against the demo', () => {
  let demo: DemoBackend;
  let directory: string;

  beforeAll(async () => {
    // SQLite files, so that a test can count what was stored.
    directory = await mkdtemp(join(tmpdir(), 'reserve-refusals-'));
    demo = await startDemoBackend({
      database: { client: 'better-sqlite3', connection: { directory } },
    });
    await demo.waitForCatalog();
  });

  afterAll(async () => {
    await demo?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const storedPlans = async () => {
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(directory, 'reserve.sqlite') },
      useNullAsDefault: true,
    });
    try {
      const [{ count }] = await db('reserve_plans').count({ count: '*' });
      return Number(count);
    } finally {
      await db.destroy();
    }
  };

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

  it('refuses a failback with nothing failed over with a 409 saying so, storing no plan', async () => {
    await demo.waitForClusters(states =>
      Object.values(states).every(state => state === 'ok'),
    );
    const planned = await demo.post(
      '/api/reserve/entities/component/default/checkout/actions/failover/plan',
    );
    expect(planned.status).toBe(200);
    const before = await storedPlans();
    expect(before).toBeGreaterThan(0);
    const res = await demo.post(
      '/api/reserve/entities/component/default/checkout/actions/failback/plan',
    );
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    expect(res.body.error.message).toMatch(
      /^Nothing to do: a failback of component:default\/checkout would change nothing/,
    );
    expect(await storedPlans()).toBe(before);
  });
});
