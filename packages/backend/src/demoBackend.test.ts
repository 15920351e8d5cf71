import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Simulator, startSimulator } from '@kube-reserve/cluster-sim';
import request from 'supertest';
import { parse } from 'yaml';
import { demoBackendFeatures } from './features';

jest.setTimeout(90_000);

const root = resolve(__dirname, '../../..');

/**
 * app-config.yaml as the demo reads it, with the simulated clusters on the free ports of this
 * test's simulator (the demo's fixed ports may be in use) and absolute catalog locations.
 */
function demoConfig(sim: Simulator) {
  const config = parse(readFileSync(resolve(root, 'app-config.yaml'), 'utf8'));
  const caData = Buffer.from(sim.caPem).toString('base64');
  for (const cluster of config.kubernetes.clusterLocatorMethods[0].clusters) {
    const simulated = sim.cluster(cluster.name);
    cluster.url = simulated.url;
    cluster.serviceAccountToken = simulated.token('reserve-reader');
    cluster.caData = caData;
  }
  // Each cluster's operator token is a $file in the demo, written by `yarn start`.
  for (const [name, facts] of Object.entries<{ operatorToken?: unknown }>(
    config.reserve.clusters,
  )) {
    facts.operatorToken = sim.cluster(name).token('reserve-operator');
  }
  for (const location of config.catalog.locations) {
    location.target = resolve(root, 'packages/backend', location.target);
  }
  config.catalog.processingInterval = { seconds: 1 };
  // The guest provider refuses to run outside NODE_ENV=development unless told to.
  config.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;
  config.reserve.refresh = {
    frequency: { seconds: 1 },
    timeout: { seconds: 2 },
  };
  return config;
}

describe('the demo backend', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
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
      fixturesDir: resolve(root, 'examples/clusters'),
      ports: 'free',
      pace: 100,
    });
    backend = await startTestBackend({
      features: [
        ...demoBackendFeatures(),
        // Real sign-in, tokens and permission checks, so the demo's policy decides.
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({ data: demoConfig(sim) }),
      ],
    });
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

  async function eventually<T>(
    read: () => Promise<T>,
    ok: (value: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await new Promise(r => setTimeout(r, 200));
    }
  }

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
