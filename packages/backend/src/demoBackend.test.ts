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

describe('the demo backend', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startDemoTestBackend>>;
  let guestToken = '';
  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('Authorization', `Bearer ${guestToken}`);
  const put = (path: string, body: object) =>
    request(backend.server)
      .put(path)
      .set('Authorization', `Bearer ${guestToken}`)
      .send(body);

  beforeAll(async () => {
    sim = await startSimulator({
      fixturesDir: resolve(repositoryRoot, 'examples/clusters'),
      ports: 'free',
      pace: 100,
    });
    backend = await startDemoTestBackend(demoConfig(sim));
  });

  // The demo signs in as guest, a member of team-payments, once the catalog knows the user.
  async function signInAsGuest() {
    const res = await request(backend.server)
      .post('/api/auth/guest/refresh')
      .set('Content-Type', 'application/json');
    guestToken = res.body.backstageIdentity?.token ?? '';
    return res.body.backstageIdentity?.identity?.ownershipEntityRefs ?? [];
  }

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('starts with the demo config, on SQLite, and ingests the demo catalog', async () => {
    const ownership = await eventually(signInAsGuest, refs =>
      refs.includes('group:default/team-payments'),
    );
    expect(ownership).toContain('group:default/team-payments');
    const components = await eventually(
      async () =>
        (
          await get('/api/catalog/entities/by-query?filter=kind=component')
        ).body.items,
      items => items?.length === 10,
    );
    expect(components.map((e: any) => e.metadata.name).sort()).toContain(
      'checkout',
    );
    const groups = await get(
      '/api/catalog/entities/by-query?filter=kind=group',
    );
    expect(groups.body.items.map((e: any) => e.metadata.name)).toEqual(
      expect.arrayContaining([
        'team-payments',
        'team-storefront',
        'team-data',
        'platform',
      ]),
    );
    const clusters = await get(
      '/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster',
    );
    expect(clusters.body.items).toHaveLength(3);
  });

  it('has the Kubernetes plugin reach the simulated clusters', async () => {
    const res = await get('/api/kubernetes/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.name).sort()).toEqual([
      'prod-fra',
      'reserve-ams',
      'reserve-fra-b',
    ]);
  });

  it('serves reserve readiness for a demo service', async () => {
    const report = await eventually(
      async () =>
        (
          await get(
            '/api/reserve/entities/component/default/invoice-mailer/readiness',
          )
        ).body,
      body => body.clusters?.every((c: any) => c.status.state === 'ok'),
    );
    expect(report.verdict).toBe('not-ready');
    expect(
      report.checks.find((c: any) => c.id === 'parity.cronjobs').state,
    ).toBe('fail');
  });

  it('lets the guest tick runbook items of the services team-payments owns, and no others', async () => {
    const itemOf = async (service: string) => {
      const res = await get(
        `/api/reserve/entities/component/default/${service}/runbooks`,
      );
      expect(res.status).toBe(200);
      return res.body.runbooks[0].sections
        .flatMap((s: any) => s.items)
        .find((i: any) => i.kind === 'manual');
    };
    const own = await itemOf('checkout');
    const allowed = await put(
      `/api/reserve/entities/component/default/checkout/runbooks/failover/items/${own.id}`,
      { ticked: true },
    );
    expect(allowed.status).toBe(200);
    expect(allowed.body.tick.by).toBe('user:default/guest');

    const theirs = await itemOf('catalog-api');
    const refused = await put(
      `/api/reserve/entities/component/default/catalog-api/runbooks/failover/items/${theirs.id}`,
      { ticked: true },
    );
    expect(refused.status).toBe(403);
    expect((await itemOf('catalog-api')).state).toBe('open');
  });
});
