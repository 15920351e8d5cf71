import https from 'node:https';
import { startSimulator, Simulator } from '../simulator';
import {
  apiRequest,
  clientsFor,
  shopCluster,
} from '../__testUtils__/testClusters';
import { ArrivedRequest } from './RequestCounter';

describe('request counting', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      clusters: [shopCluster('alpha'), shopCluster('beta')],
      pace: 50,
    });
  });
  beforeEach(() => sim.clusters.forEach(c => c.requests.reset()));
  afterEach(() => sim.clusters.forEach(c => c.faults.clear()));
  afterAll(() => sim.stop());

  // One GET of the namespace list, answered or not, with the given headers.
  const getNamespaces = (headers: Record<string, string>) =>
    new Promise<string>(resolve => {
      const req = https.get(`${sim.cluster('alpha').url}/api/v1/namespaces`, {
        ca: sim.caPem,
        headers,
        timeout: 200,
      });
      req.on('response', res => {
        res.resume();
        resolve(String(res.statusCode));
      });
      req.on('timeout', () => {
        req.destroy();
        resolve('timed out');
      });
      req.on('error', () => undefined);
    });

  it('counts the requests of each cluster by the token that made them', async () => {
    const reader = clientsFor(sim, 'alpha', 'reader');
    const admin = clientsFor(sim, 'alpha', 'admin');
    await reader.core.listNamespace();
    await reader.apps.listNamespacedDeployment({ namespace: 'shop' });
    await admin.core.listNamespacedConfigMap({ namespace: 'shop' });

    expect(sim.cluster('alpha').requests.counts()).toEqual({
      total: 3,
      byToken: { reader: 2, admin: 1 },
    });
    expect(sim.cluster('beta').requests.counts()).toEqual({
      total: 0,
      byToken: {},
    });
  });

  it('counts requests without a known token, and pages one by one', async () => {
    expect(await getNamespaces({ Authorization: 'Bearer not-a-token' })).toBe(
      '401',
    );
    const reader = clientsFor(sim, 'alpha', 'reader');
    let page = await reader.apps.listNamespacedDeployment({
      namespace: 'shop',
      limit: 2,
    });
    while (page.metadata?._continue) {
      page = await reader.apps.listNamespacedDeployment({
        namespace: 'shop',
        limit: 2,
        _continue: page.metadata._continue,
      });
    }

    expect(sim.cluster('alpha').requests.counts()).toEqual({
      total: 3,
      byToken: { anonymous: 1, reader: 2 },
    });
  });

  it('counts a request to a hanging cluster when it arrives', async () => {
    sim.cluster('alpha').faults.set({ hang: true });
    const outcome = await getNamespaces({
      Authorization: `Bearer ${sim.cluster('alpha').token('reader')}`,
    });

    expect(outcome).toBe('timed out');
    expect(sim.cluster('alpha').requests.counts().byToken).toEqual({
      reader: 1,
    });
  });

  it('starts from zero after a reset', async () => {
    await clientsFor(sim, 'alpha', 'reader').core.listNamespace();
    sim.cluster('alpha').requests.reset();

    expect(sim.cluster('alpha').requests.counts()).toEqual({
      total: 0,
      byToken: {},
    });
  });

  it('tells an observer of each request as it arrives: method, path with query, token', async () => {
    const seen: ArrivedRequest[] = [];
    const stop = sim.cluster('alpha').requests.observe(r => seen.push(r));
    const reader = clientsFor(sim, 'alpha', 'reader');
    await reader.apps.listNamespacedDeployment({ namespace: 'shop', limit: 1 });
    await apiRequest(
      sim,
      'alpha',
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/legacy',
      { spec: { replicas: 2 } },
      'application/merge-patch+json',
    );
    stop();
    await reader.core.listNamespace();

    expect(seen).toEqual([
      {
        method: 'GET',
        path: '/apis/apps/v1/namespaces/shop/deployments?limit=1',
        token: 'reader',
      },
      {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/deployments/legacy',
        token: 'admin',
      },
    ]);
  });

  it('tells a listener of a write through the API once it is stored, before the client hears it has landed', async () => {
    let answered = false;
    // Controllers write too (status): the listener looks for web's new replica count.
    const landed: boolean[] = [];
    const stop = sim.cluster('alpha').objects.onChange(change => {
      if (
        change.resource === 'deployments' &&
        change.object.metadata.name === 'web' &&
        change.object.spec.replicas === 5 &&
        change.previous?.spec.replicas === 3
      ) {
        landed.push(answered);
      }
    });
    const patched = apiRequest(
      sim,
      'alpha',
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/web',
      { spec: { replicas: 5 } },
      'application/merge-patch+json',
    ).then(res => {
      answered = true;
      return res;
    });
    expect((await patched).code).toBe(200);
    stop();

    expect(landed).toEqual([false]);
  });
});
