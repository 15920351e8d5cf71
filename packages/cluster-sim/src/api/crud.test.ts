import * as k8s from '@kubernetes/client-node';
import { startSimulator, Simulator } from '../simulator';
import { HOLD_STATUS_ANNOTATION } from '../controllers/saveIfChanged';
import {
  clientsFor,
  deployment,
  eventually,
  failureOf,
  shopCluster,
} from '../__testUtils__/testClusters';

describe('reading and writing objects through @kubernetes/client-node', () => {
  let sim: Simulator;
  let api: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startSimulator({ clusters: [shopCluster('alpha')], pace: 20 });
    api = clientsFor(sim, 'alpha');
  });
  afterAll(() => sim.stop());

  it('lists Deployments in a namespace by label selector operators', async () => {
    const names = async (labelSelector: string) =>
      (
        await api.apps.listNamespacedDeployment({
          namespace: 'shop',
          labelSelector,
        })
      ).items.map(d => d.metadata!.name);
    expect(await names('tier=backend')).toEqual(['cart']);
    expect(await names('tier==frontend')).toEqual(['web']);
    expect(await names('tier!=backend')).toEqual(['legacy', 'web']);
    expect(await names('app in (cart,web)')).toEqual(['cart', 'web']);
    expect(await names('app notin (cart)')).toEqual(['legacy', 'web']);
    expect(await names('tier')).toEqual(['cart', 'web']);
    expect(await names('!tier')).toEqual(['legacy']);
  });

  it('lists across all namespaces and filters by field selector', async () => {
    const all = await api.apps.listDeploymentForAllNamespaces({
      fieldSelector: 'metadata.name=web',
    });
    expect(
      all.items.map(d => `${d.metadata!.namespace}/${d.metadata!.name}`),
    ).toEqual(['shop/web']);
    const ns = await api.core.listNamespace({
      fieldSelector: 'metadata.name!=shop',
    });
    expect(ns.items.map(n => n.metadata!.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'velero',
    ]);
  });

  it('pages through a list with limit and continue', async () => {
    const first = await api.apps.listNamespacedDeployment({
      namespace: 'shop',
      limit: 2,
    });
    expect(first.items.map(d => d.metadata!.name)).toEqual(['cart', 'legacy']);
    expect(first.metadata!.remainingItemCount).toBe(1);
    const second = await api.apps.listNamespacedDeployment({
      namespace: 'shop',
      limit: 2,
      _continue: first.metadata!._continue,
    });
    expect(second.items.map(d => d.metadata!.name)).toEqual(['web']);
    expect(second.metadata!._continue).toBeUndefined();
  });

  it("expires a continue token once the history no longer reaches its resourceVersion, as the API server's does", async () => {
    const first = await api.apps.listNamespacedDeployment({
      namespace: 'shop',
      limit: 2,
    });
    // The API server keeps history for a while (watch cache, then etcd until compaction); the
    // simulator keeps the last 5,000 events. Push the first page's resourceVersion out of it.
    const objects = sim.cluster('alpha').objects;
    for (let i = 0; i < 5001; i++) {
      objects.put({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'churn', namespace: 'shop' },
        data: { n: String(i) },
      });
    }
    const { code, body } = await failureOf(
      api.apps.listNamespacedDeployment({
        namespace: 'shop',
        limit: 2,
        _continue: first.metadata!._continue,
      }),
    );
    expect(code).toBe(410);
    expect(body).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
      message: expect.stringMatching(
        /^The provided continue parameter is too old to display a consistent list result\./,
      ),
    });
    // The token the 410 carries pages on from where the expired one stopped, in today's state.
    const rest = await api.apps.listNamespacedDeployment({
      namespace: 'shop',
      limit: 2,
      _continue: (body as { metadata: { continue: string } }).metadata.continue,
    });
    expect(rest.items.map(d => d.metadata!.name)).toEqual(['web']);
  });

  it('answers a bad selector with 400 BadRequest', async () => {
    const { code, body } = await failureOf(
      api.apps.listNamespacedDeployment({
        namespace: 'shop',
        fieldSelector: 'spec.replicas=1',
      }),
    );
    expect(code).toBe(400);
    expect(body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      message: 'field label not supported: spec.replicas',
    });
  });

  it('gets an object with metadata maintained like the API server', async () => {
    const cart = await api.apps.readNamespacedDeployment({
      namespace: 'shop',
      name: 'cart',
    });
    expect(cart.metadata).toMatchObject({
      name: 'cart',
      namespace: 'shop',
      generation: 1,
    });
    expect(cart.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(cart.metadata!.resourceVersion)).toBeGreaterThan(0);
    expect(cart.metadata!.creationTimestamp).toBeInstanceOf(Date);
  });

  it('answers a missing object with a 404 NotFound Status', async () => {
    const { code, body } = await failureOf(
      api.apps.readNamespacedDeployment({ namespace: 'shop', name: 'ghost' }),
    );
    expect(code).toBe(404);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "ghost" not found',
      reason: 'NotFound',
      details: { name: 'ghost', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('creates objects, generating names, and refuses duplicates with 409 AlreadyExists', async () => {
    const created = await api.core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { generateName: 'run-' }, data: { a: '1' } },
    });
    expect(created.metadata!.name).toMatch(/^run-[a-z0-9]{5}$/);
    const again = await failureOf(
      api.core.createNamespacedConfigMap({
        namespace: 'shop',
        body: { metadata: { name: 'settings' } },
      }),
    );
    expect(again.code).toBe(409);
    expect(again.body.reason).toBe('AlreadyExists');
  });

  it('refuses objects in a namespace that does not exist', async () => {
    const { code, body } = await failureOf(
      api.core.createNamespacedConfigMap({
        namespace: 'nowhere',
        body: { metadata: { name: 'x' } },
      }),
    );
    expect(code).toBe(404);
    expect(body.message).toBe('namespaces "nowhere" not found');
  });

  it('rejects an update based on a stale resourceVersion with 409 Conflict', async () => {
    const cm = await api.core.readNamespacedConfigMap({
      namespace: 'shop',
      name: 'settings',
    });
    await api.core.replaceNamespacedConfigMap({
      namespace: 'shop',
      name: 'settings',
      body: { ...cm, data: { region: 'us' } },
    });
    const stale = await failureOf(
      api.core.replaceNamespacedConfigMap({
        namespace: 'shop',
        name: 'settings',
        body: { ...cm, data: { region: 'ap' } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect(stale.body.message).toContain('the object has been modified');
  });

  it('applies merge, strategic merge and JSON patches', async () => {
    const merge = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.MergePatch,
    );
    const strategic = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.StrategicMergePatch,
    );
    const json = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.JsonPatch,
    );
    await api.apps.patchNamespacedDeployment(
      {
        namespace: 'shop',
        name: 'legacy',
        body: { metadata: { labels: { owner: 'team-a' } } },
      },
      merge,
    );
    const patched = await api.apps.patchNamespacedDeployment(
      {
        namespace: 'shop',
        name: 'legacy',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'main', env: [{ name: 'REGION', value: 'eu' }] },
                ],
              },
            },
          },
        },
      },
      strategic,
    );
    const containers = patched.spec!.template.spec!.containers;
    expect(containers.map(c => c.name)).toEqual(['main', 'sidecar']);
    expect(containers[0].image).toBe('registry.example/legacy:1.0.0');
    expect(containers[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'REGION', value: 'eu' },
    ]);
    expect(patched.metadata!.labels).toMatchObject({ owner: 'team-a' });
    expect(patched.metadata!.generation).toBe(2);
    const jsonPatched = await api.apps.patchNamespacedDeployment(
      {
        namespace: 'shop',
        name: 'legacy',
        body: [{ op: 'replace', path: '/spec/replicas', value: 4 }],
      },
      json,
    );
    expect(jsonPatched.spec!.replicas).toBe(4);
  });

  it('scales through the scale subresource and the controller makes the Deployment available', async () => {
    const scale = await api.apps.readNamespacedDeploymentScale({
      namespace: 'shop',
      name: 'web',
    });
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 3 },
      status: { selector: 'app=web' },
    });
    // No resourceVersion: an unconditional update, which the controller's status writes cannot race.
    await api.apps.replaceNamespacedDeploymentScale({
      namespace: 'shop',
      name: 'web',
      body: {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 4 },
      },
    });
    const patched = await api.apps.patchNamespacedDeploymentScale(
      { namespace: 'shop', name: 'web', body: { spec: { replicas: 5 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(patched.spec!.replicas).toBe(5);
    const web = await eventually(async () => {
      const d = await api.apps.readNamespacedDeployment({
        namespace: 'shop',
        name: 'web',
      });
      return d.status?.availableReplicas === 5 && d;
    });
    expect(web.spec!.replicas).toBe(5);
    expect(web.status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      updatedReplicas: 5,
      observedGeneration: web.metadata!.generation,
    });
    expect(
      web.status!.conditions!.find(c => c.type === 'Available')!.status,
    ).toBe('True');
  });

  it('keeps status out of main updates and everything but status out of status updates', async () => {
    // The hold annotation keeps the controller from rewriting the status under the test.
    const held = deployment('shop', 'held', 2);
    held.metadata.annotations = { [HOLD_STATUS_ANNOTATION]: 'true' };
    const created = await api.apps.createNamespacedDeployment({
      namespace: 'shop',
      body: held as k8s.V1Deployment,
    });
    expect(created.status).toBeUndefined();
    const statusOnly = await api.apps.replaceNamespacedDeploymentStatus({
      namespace: 'shop',
      name: 'held',
      body: {
        ...created,
        spec: { ...created.spec!, replicas: 9 },
        status: { replicas: 42 },
      },
    });
    expect(statusOnly.spec!.replicas).toBe(2);
    expect(statusOnly.status!.replicas).toBe(42);
    expect(statusOnly.metadata!.generation).toBe(1);
    const mainOnly = await api.apps.replaceNamespacedDeployment({
      namespace: 'shop',
      name: 'held',
      body: {
        ...statusOnly,
        spec: { ...statusOnly.spec!, replicas: 3 },
        status: { replicas: 0 },
      },
    });
    expect(mainOnly.spec!.replicas).toBe(3);
    expect(mainOnly.status!.replicas).toBe(42);
    expect(mainOnly.metadata!.generation).toBe(2);
  });

  it('returns the result of a dry run without storing it', async () => {
    const body = { metadata: { name: 'dry' }, data: { a: '1' } };
    const result = await api.core.createNamespacedConfigMap({
      namespace: 'shop',
      body,
      dryRun: 'All',
    });
    expect(result.metadata!.name).toBe('dry');
    expect(
      (
        await failureOf(
          api.core.readNamespacedConfigMap({ namespace: 'shop', name: 'dry' }),
        )
      ).code,
    ).toBe(404);
  });

  it('deletes objects, and a namespace together with everything in it', async () => {
    await api.core.createNamespace({ body: { metadata: { name: 'scratch' } } });
    await api.core.createNamespacedConfigMap({
      namespace: 'scratch',
      body: { metadata: { name: 'tmp' } },
    });
    const status: any = await api.core.deleteNamespacedConfigMap({
      namespace: 'scratch',
      name: 'tmp',
    });
    expect(status).toMatchObject({ kind: 'Status', status: 'Success' });
    await api.core.createNamespacedConfigMap({
      namespace: 'scratch',
      body: { metadata: { name: 'tmp2' } },
    });
    const terminating = await api.core.deleteNamespace({ name: 'scratch' });
    expect((terminating as any).status.phase).toBe('Terminating');
    await eventually(
      async () =>
        (await failureOf(api.core.readNamespace({ name: 'scratch' }))).code ===
        404,
    );
    expect(sim.cluster('alpha').objects.list('configmaps', 'scratch')).toEqual(
      [],
    );
  });

  it('serves discovery that names kinds, short names and subresources', async () => {
    const resources = await api.kc
      .makeApiClient(k8s.AppsV1Api)
      .getAPIResources();
    const names = resources.resources.map(r => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'deployments',
        'deployments/scale',
        'deployments/status',
        'statefulsets/scale',
      ]),
    );
    expect(
      resources.resources.find(r => r.name === 'deployments'),
    ).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      singularName: 'deployment',
      shortNames: ['deploy'],
    });
    expect(
      resources.resources.find(r => r.name === 'deployments/scale'),
    ).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const version = await api.kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version).toMatchObject({
      gitVersion: 'v1.34.2',
      major: '1',
      minor: '34',
      platform: 'linux/amd64',
    });
  });

  it('reports nodes with roles, zones, kubelet versions and readiness', async () => {
    const nodes = (await api.core.listNode()).items;
    expect(nodes.map(n => n.metadata!.name)).toEqual([
      'alpha-cp-1',
      'alpha-w-1',
      'alpha-w-2',
    ]);
    const cp = nodes[0];
    expect(cp.metadata!.labels).toMatchObject({
      'node-role.kubernetes.io/control-plane': '',
      'topology.kubernetes.io/zone': 'z-a',
    });
    expect(cp.spec!.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(nodes[2].status!.nodeInfo!.kubeletVersion).toBe('v1.33.5');
    expect(
      nodes[1].status!.conditions!.find(c => c.type === 'Ready')!.status,
    ).toBe('True');
  });
});
