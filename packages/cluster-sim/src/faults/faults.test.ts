import https from 'node:https';
import { AdminServer } from '../admin/AdminServer';
import { startSimulator, Simulator } from '../simulator';
import {
  clientsFor,
  failureOf,
  shopCluster,
} from '../__testUtils__/testClusters';

describe('fault injection', () => {
  let sim: Simulator;
  let api: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startSimulator({
      clusters: [shopCluster('alpha'), shopCluster('beta')],
      pace: 50,
    });
    api = clientsFor(sim, 'alpha');
  });
  afterEach(() => sim.clusters.forEach(c => c.faults.clear()));
  afterAll(() => sim.stop());

  const errorOf = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (e) {
      return e as Error & { code?: string; cause?: any };
    }
    throw new Error('expected the call to fail');
  };

  it('adds latency to every answer', async () => {
    sim.cluster('alpha').faults.set({ latencyMs: 300 });
    const started = Date.now();
    await api.core.listNamespace();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('refuses connections until the fault is cleared', async () => {
    sim.cluster('alpha').faults.set({ refuseConnections: true });
    const error = await errorOf(api.core.listNamespace());
    expect(`${error.message} ${error.code} ${error.cause?.code}`).toContain(
      'ECONNREFUSED',
    );
    sim.cluster('alpha').faults.clear();
    await new Promise(r => setTimeout(r, 50));
    await expect(api.core.listNamespace()).resolves.toBeDefined();
  });

  it('accepts requests and never answers while hanging, so clients time out', async () => {
    sim.cluster('alpha').faults.set({ hang: true });
    const outcome = await new Promise<string>(resolve => {
      const req = https.get(`${sim.cluster('alpha').url}/api/v1/namespaces`, {
        ca: sim.caPem,
        headers: { Authorization: `Bearer ${sim.cluster('alpha').token()}` },
        timeout: 300,
      });
      req.on('response', () => resolve('answered'));
      req.on('timeout', () => {
        req.destroy();
        resolve('timed out');
      });
      req.on('error', () => undefined);
    });
    expect(outcome).toBe('timed out');
  });

  it('answers 500 InternalError for the chosen kinds only', async () => {
    sim
      .cluster('alpha')
      .faults.set({ errorResources: ['deploy', 'velero.io/backups'] });
    const { code, body } = await failureOf(
      api.apps.listNamespacedDeployment({ namespace: 'shop' }),
    );
    expect(code).toBe(500);
    expect(body).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
      code: 500,
    });
    await expect(
      api.core.listNamespacedConfigMap({ namespace: 'shop' }),
    ).resolves.toBeDefined();
    await expect(
      clientsFor(sim, 'beta').apps.listNamespacedDeployment({
        namespace: 'shop',
      }),
    ).resolves.toBeDefined();
  });

  it('answers 403 Forbidden for revoked kinds only, whatever the token may do', async () => {
    sim.cluster('alpha').faults.set({ forbiddenResources: ['secrets'] });
    const { code, body } = await failureOf(
      api.core.listNamespacedSecret({ namespace: 'shop' }),
    );
    expect(code).toBe(403);
    expect(body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    await expect(
      api.core.listNamespacedConfigMap({ namespace: 'shop' }),
    ).resolves.toBeDefined();
  });

  it('serves an expired certificate that TLS verification rejects', async () => {
    sim.cluster('alpha').faults.set({ expiredCertificate: true });
    const error = await errorOf(api.core.listNamespace());
    expect(`${error.message} ${error.code} ${error.cause?.code}`).toMatch(
      /CERT_HAS_EXPIRED|certificate has expired/,
    );
    sim.cluster('alpha').faults.clear();
    await expect(api.core.listNamespace()).resolves.toBeDefined();
  });

  it('switches faults through the admin endpoint', async () => {
    const admin = new AdminServer(sim);
    const port = await admin.listen(0);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    try {
      expect(
        await call('PUT', '/clusters/beta/faults', {
          latencyMs: 10,
          errorResources: ['pods'],
        }),
      ).toEqual({
        status: 200,
        body: {
          name: 'beta',
          faults: { latencyMs: 10, errorResources: ['pods'] },
        },
      });
      expect(
        (await call('PATCH', '/clusters/beta/faults', { hang: true })).body
          .faults,
      ).toEqual({ latencyMs: 10, errorResources: ['pods'], hang: true });
      expect(sim.cluster('beta').faults.get().hang).toBe(true);
      expect(
        (await call('GET', '/clusters')).body.map((c: any) => c.name),
      ).toEqual(['alpha', 'beta']);
      expect(
        (await call('DELETE', '/clusters/beta/faults')).body.faults,
      ).toEqual({});
      expect(
        await call('PUT', '/clusters/beta/faults', { slowness: 1 }),
      ).toEqual({
        status: 400,
        body: {
          error:
            'unknown fault "slowness" (known: latencyMs, refuseConnections, hang, errorResources, forbiddenResources, expiredCertificate, failBackups, unauthorized, malformedResources, trickleBytesPerSecond)',
        },
      });
      expect((await call('GET', '/clusters/gamma/faults')).status).toBe(404);
    } finally {
      await admin.close();
    }
  });
});
