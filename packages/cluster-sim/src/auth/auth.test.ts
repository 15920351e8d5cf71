import https from 'node:https';
import { startSimulator, Simulator } from '../simulator';
import {
  clientsFor,
  failureOf,
  shopCluster,
} from '../__testUtils__/testClusters';

function rawGet(
  sim: Simulator,
  path: string,
  headers: Record<string, string> = {},
) {
  const cluster = sim.clusters[0];
  return new Promise<{ code: number; body: any }>((resolve, reject) => {
    https
      .get(`${cluster.url}${path}`, { ca: sim.caPem, headers }, res => {
        let data = '';
        res.on('data', c => (data += c));
        res.on('end', () =>
          resolve({ code: res.statusCode!, body: JSON.parse(data) }),
        );
      })
      .on('error', reject);
  });
}

describe('bearer tokens and their rules', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ clusters: [shopCluster('alpha')], pace: 50 });
  });
  afterAll(() => sim.stop());

  it('answers 401 Unauthorized without a valid token, but serves /version to anyone', async () => {
    expect(await rawGet(sim, '/api/v1/namespaces')).toEqual({
      code: 401,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      },
    });
    expect(
      (
        await rawGet(sim, '/api/v1/namespaces', {
          Authorization: 'Bearer not-a-token',
        })
      ).code,
    ).toBe(401);
    expect((await rawGet(sim, '/version')).body.gitVersion).toBe('v1.34.2');
  });

  it('answers 403 Forbidden, worded like RBAC, when the token lacks the verb', async () => {
    const reader = clientsFor(sim, 'alpha', 'reader');
    await expect(
      reader.core.listNamespacedSecret({ namespace: 'shop' }),
    ).resolves.toBeDefined();
    const { code, body } = await failureOf(
      reader.core.createNamespacedSecret({
        namespace: 'shop',
        body: { metadata: { name: 's' } },
      }),
    );
    expect(code).toBe(403);
    expect(body).toMatchObject({
      reason: 'Forbidden',
      message:
        'secrets is forbidden: User "system:serviceaccount:kube-system:reader" cannot create resource "secrets" in API group "" in the namespace "shop"',
      details: { group: '', kind: 'secrets' },
    });
  });

  it('limits a rule that names namespaces to those namespaces and to its resources', async () => {
    const editor = clientsFor(sim, 'alpha', 'shop-editor');
    await expect(
      editor.apps.listNamespacedDeployment({ namespace: 'shop' }),
    ).resolves.toBeDefined();
    const elsewhere = await failureOf(
      editor.apps.listNamespacedDeployment({ namespace: 'default' }),
    );
    expect(elsewhere.body.message).toBe(
      'deployments.apps is forbidden: User "system:serviceaccount:kube-system:shop-editor" cannot list resource "deployments" in API group "apps" in the namespace "default"',
    );
    const everywhere = await failureOf(
      editor.apps.listDeploymentForAllNamespaces(),
    );
    expect(everywhere.body.message).toContain('at the cluster scope');
    const scale = await failureOf(
      editor.apps.readNamespacedDeploymentScale({
        namespace: 'shop',
        name: 'web',
      }),
    );
    expect(scale.body.message).toBe(
      'deployments.apps "web" is forbidden: User "system:serviceaccount:kube-system:shop-editor" cannot get resource "deployments/scale" in API group "apps" in the namespace "shop"',
    );
  });

  it('never echoes a token value in its answers', async () => {
    const token = sim.cluster('alpha').tokens.reader;
    const reader = clientsFor(sim, 'alpha', 'reader');
    const { body } = await failureOf(
      reader.core.deleteNamespace({ name: 'shop' }),
    );
    expect(JSON.stringify(body)).not.toContain(token);
  });
});
