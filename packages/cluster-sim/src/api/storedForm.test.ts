import { parseAllDocuments } from 'yaml';
import { startSimulator, Simulator } from '../simulator';
import { KubeObject } from '../store/ObjectStore';
import { chartManifestFile } from '../__testUtils__/chartManifests';
import {
  apiPath,
  apiRequest,
  deployment,
  shopCluster,
} from '../__testUtils__/testClusters';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

describe('objects written through the API read back as the API server stores them', () => {
  const chart: KubeObject[] = parseAllDocuments(chartManifestFile).map(d =>
    d.toJS(),
  );
  let sim: Simulator;
  const request = (
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ) => apiRequest(sim, 'alpha', method, path, body, contentType);
  const secretPath = (name = '') =>
    `/api/v1/namespaces/shop/secrets${name && `/${name}`}`;

  beforeAll(async () => {
    const base = shopCluster('alpha');
    sim = await startSimulator({
      clusters: [{ ...base, manifests: [...base.manifests!, ...chart] }],
      pace: 20,
    });
  });
  afterAll(() => sim.stop());

  it('creates a Secret from stringData as base64 data of type Opaque', async () => {
    const created = await request('POST', secretPath(), {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { user: base64('app'), password: base64('old') },
      stringData: { password: 'pä55:word', url: 'postgres://db:5432' },
    });
    expect(created.code).toBe(201);
    const read = await request('GET', secretPath('db'));
    for (const secret of [created.body, read.body]) {
      expect(secret.type).toBe('Opaque');
      expect(secret.data).toEqual({
        user: base64('app'),
        password: base64('pä55:word'),
        url: base64('postgres://db:5432'),
      });
      expect(secret).not.toHaveProperty('stringData');
    }
  });

  it('folds stringData in on update and on merge and strategic merge patches', async () => {
    await request('POST', secretPath(), {
      metadata: { name: 'api-key' },
      type: 'example.com/api-key',
      data: { key: base64('one') },
    });
    const replaced = await request('PUT', secretPath('api-key'), {
      metadata: { name: 'api-key' },
      type: 'example.com/api-key',
      data: { key: base64('one') },
      stringData: { key: 'two' },
    });
    expect(replaced.body.data).toEqual({ key: base64('two') });
    const merged = await request(
      'PATCH',
      secretPath('api-key'),
      { stringData: { key: 'three', region: 'eu' } },
      MERGE,
    );
    expect(merged.body.data).toEqual({
      key: base64('three'),
      region: base64('eu'),
    });
    const strategic = await request(
      'PATCH',
      secretPath('api-key'),
      { stringData: { region: 'us' } },
      STRATEGIC,
    );
    const read = await request('GET', secretPath('api-key'));
    for (const secret of [strategic.body, read.body]) {
      expect(secret.data).toEqual({
        key: base64('three'),
        region: base64('us'),
      });
      expect(secret.type).toBe('example.com/api-key');
      expect(secret).not.toHaveProperty('stringData');
    }
  });

  it('refuses stringData that is not text, like the API server decoder', async () => {
    const { code, body } = await request('POST', secretPath(), {
      metadata: { name: 'port' },
      stringData: { port: 5432 },
    });
    expect(code).toBe(400);
    expect(body.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string',
    );
  });

  it('refuses a Lease time without microseconds, as kube-apiserver does, and takes six digits', async () => {
    const leases = '/apis/coordination.k8s.io/v1/namespaces/shop/leases';
    const lease = (renewTime: string) => ({
      metadata: { name: `leader-${renewTime.length}` },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 15, renewTime },
    });
    const refused = await request(
      'POST',
      leases,
      lease('2026-10-27T02:40:58Z'),
    );
    expect(refused.code).toBe(400);
    expect(refused.body.message).toContain('spec.renewTime');
    const taken = await request(
      'POST',
      leases,
      lease('2026-10-27T02:40:58.123456Z'),
    );
    expect(taken.code).toBe(201);
  });

  it('reads back the same whether a fixture loaded the manifest or the API created it', async () => {
    const namespace = await request('POST', '/api/v1/namespaces', {
      metadata: { name: 'by-api' },
    });
    expect(namespace.body.status).toEqual({ phase: 'Active' });
    const namespaced = chart.filter(
      m => m.kind !== 'Namespace' && m.metadata.namespace === 'ingress',
    );
    for (const manifest of namespaced) {
      const copy = {
        ...manifest,
        metadata: { ...manifest.metadata, namespace: 'by-api' },
      };
      const created = await request('POST', apiPath(copy, true), copy);
      expect(created.code).toBe(201);
      const { metadata: viaApi, status: _a, ...apiBody } = created.body;
      const fixture = (await request('GET', apiPath(manifest))).body;
      const { metadata: viaFixture, status: _f, ...fixtureBody } = fixture;
      expect(`${manifest.kind}: ${JSON.stringify(apiBody)}`).toBe(
        `${manifest.kind}: ${JSON.stringify(fixtureBody)}`,
      );
    }
  });

  it('defaults a replace that leaves defaulted fields out, without a new generation', async () => {
    const created = await request(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('shop', 'bare', 2),
    );
    expect(created.body.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    });
    const replaced = await request(
      'PUT',
      '/apis/apps/v1/namespaces/shop/deployments/bare',
      deployment('shop', 'bare', 2),
    );
    expect(replaced.body.spec).toEqual(created.body.spec);
    expect(replaced.body.metadata.generation).toBe(1);
  });

  it('keeps defaults when a fixture applies the same object twice', () => {
    const objects = sim.cluster('alpha').objects;
    const bare: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'twice', namespace: 'shop' },
      spec: { ports: [{ port: 80 }] },
    };
    objects.put(bare);
    const again = objects.put(bare);
    expect(again.spec).toEqual({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
  });
});
