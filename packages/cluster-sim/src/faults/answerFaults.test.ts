import https from 'node:https';
import { startSimulator, Simulator } from '../simulator';
import {
  clientsFor,
  failureOf,
  shopCluster,
} from '../__testUtils__/testClusters';
import { validateFaults } from './FaultState';
import { PADDING_ANNOTATION } from './malformedAnswer';

/** One GET as it comes off the wire: the code, the text, the size of each chunk, the time taken. */
function rawGet(
  sim: Simulator,
  cluster: string,
  path: string,
): Promise<{ code: number; text: string; chunks: number[]; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = https.get(`${sim.cluster(cluster).url}${path}`, {
      ca: sim.caPem,
      headers: {
        Authorization: `Bearer ${sim.cluster(cluster).token('admin')}`,
        Accept: 'application/json',
      },
    });
    req.on('response', res => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({
          code: res.statusCode ?? 0,
          text: Buffer.concat(parts).toString('utf8'),
          chunks: parts.map(p => p.length),
          ms: Date.now() - started,
        }),
      );
    });
    req.on('error', reject);
  });
}

describe('faults that break the answers themselves', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      clusters: [shopCluster('alpha'), shopCluster('beta')],
      pace: 50,
    });
  });
  afterEach(() => sim.clusters.forEach(c => c.faults.clear()));
  afterAll(() => sim.stop());

  const deploymentsPath = '/apis/apps/v1/namespaces/shop/deployments';

  it('answers every request 401 Unauthorized while the token is revoked, /version included', async () => {
    sim.cluster('alpha').faults.set({ unauthorized: true });
    const api = clientsFor(sim, 'alpha');
    const { code } = await failureOf(
      api.apps.listNamespacedDeployment({ namespace: 'shop' }),
    );
    expect(code).toBe(401);
    const list = await rawGet(sim, 'alpha', deploymentsPath);
    expect(JSON.parse(list.text)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      message: 'Unauthorized',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    });
    const version = await rawGet(sim, 'alpha', '/version');
    expect(version.code).toBe(401);
    expect(JSON.parse(version.text).reason).toBe('Unauthorized');
    await expect(
      clientsFor(sim, 'beta').apps.listNamespacedDeployment({
        namespace: 'shop',
      }),
    ).resolves.toBeDefined();

    sim.cluster('alpha').faults.clear();
    await expect(
      api.apps.listNamespacedDeployment({ namespace: 'shop' }),
    ).resolves.toBeDefined();
  });

  it('cuts a malformed list off halfway, so it is not JSON', async () => {
    sim
      .cluster('alpha')
      .faults.set({ malformedResources: { deploy: 'invalid-json' } });
    const list = await rawGet(sim, 'alpha', deploymentsPath);
    expect(list.code).toBe(200);
    expect(list.text).toMatch(/^\{"kind":"DeploymentList"/);
    expect(() => JSON.parse(list.text)).toThrow(SyntaxError);
    await expect(
      clientsFor(sim, 'alpha').apps.listNamespacedDeployment({
        namespace: 'shop',
      }),
    ).rejects.toThrow();
    const configMaps = await rawGet(
      sim,
      'alpha',
      '/api/v1/namespaces/shop/configmaps',
    );
    expect(
      JSON.parse(configMaps.text).items.map(
        (item: { metadata: { name: string } }) => item.metadata.name,
      ),
    ).toEqual(['kube-root-ca.crt', 'settings']);
  });

  it('adds an item without metadata to a malformed list, keeping the others', async () => {
    sim
      .cluster('alpha')
      .faults.set({ malformedResources: { deployments: 'no-metadata' } });
    const { items } = JSON.parse(
      (await rawGet(sim, 'alpha', deploymentsPath)).text,
    );
    expect(items.map((i: any) => i.metadata?.name)).toEqual([
      'cart',
      'legacy',
      'web',
      undefined,
    ]);
    expect(items[3].spec.template.spec.containers).toHaveLength(2);
    const one = await rawGet(sim, 'alpha', `${deploymentsPath}/cart`);
    expect(JSON.parse(one.text)).not.toHaveProperty('metadata');
  });

  it('pads the first item of a huge list to about 10 MB', async () => {
    sim
      .cluster('alpha')
      .faults.set({ malformedResources: { deployments: 'huge' } });
    const list = await rawGet(sim, 'alpha', deploymentsPath);
    expect(list.text.length).toBeGreaterThan(10 * 1024 * 1024);
    const { items } = JSON.parse(list.text);
    expect(items.map((i: any) => i.metadata.name)).toEqual([
      'cart',
      'legacy',
      'web',
    ]);
    expect(items[0].metadata.annotations[PADDING_ANNOTATION]).toHaveLength(
      10 * 1024 * 1024,
    );
    expect(items[1].metadata.annotations ?? {}).not.toHaveProperty(
      PADDING_ANNOTATION,
    );
  });

  it('trickles answers a few bytes at a time, and sends the rest at once when switched off', async () => {
    sim.cluster('alpha').faults.set({ trickleBytesPerSecond: 200 });
    const version = await rawGet(sim, 'alpha', '/version');
    expect(JSON.parse(version.text).gitVersion).toBe('v1.34.2');
    // 20 bytes every tenth of a second.
    expect(Math.max(...version.chunks)).toBeLessThanOrEqual(20);
    expect(version.ms).toBeGreaterThanOrEqual(
      (version.text.length / 200) * 1000 * 0.8,
    );

    const slow = rawGet(sim, 'alpha', deploymentsPath);
    await new Promise(r => setTimeout(r, 300));
    sim.cluster('alpha').faults.clear();
    const list = await slow;
    expect(JSON.parse(list.text).items).toHaveLength(3);
    expect(list.ms).toBeLessThan(2000);
  });

  it('refuses a bad fault naming the field', () => {
    expect(() =>
      validateFaults({ malformedResources: { deployments: 'corrupt' } }),
    ).toThrow(
      'malformedResources.deployments must be one of invalid-json, no-metadata, huge',
    );
    expect(() => validateFaults({ malformedResources: ['pods'] })).toThrow(
      /^malformedResources must map resource names/,
    );
    expect(() => validateFaults({ trickleBytesPerSecond: 0 })).toThrow(
      /^trickleBytesPerSecond must be/,
    );
    expect(() => validateFaults({ unauthorized: 'yes' })).toThrow(
      'unauthorized must be true or false',
    );
  });
});
