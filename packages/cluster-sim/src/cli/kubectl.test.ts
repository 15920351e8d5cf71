import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, Simulator } from '../simulator';
import { eventually, shopCluster } from '../__testUtils__/testClusters';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const run = promisify(execFile);
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Each test runs kubectl (on the CI image, a wrapper that starts slowly) once or more, and the
// simulator issues its certificates first: under a loaded CI run that passes Jest's 5 s.
jest.setTimeout(30_000);

describe('kubectl against the simulator', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(KUBECTL)) {
      throw new Error(
        `kubectl not found at ${KUBECTL}: install kubectl (CI does) or point KUBECTL at it`,
      );
    }
    const base = shopCluster('alpha');
    sim = await startSimulator({
      clusters: [
        {
          ...base,
          manifests: [
            ...base.manifests!,
            {
              apiVersion: 'v1',
              kind: 'ServiceAccount',
              metadata: { name: 'cart', namespace: 'shop' },
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'Role',
              metadata: { name: 'cart-reader', namespace: 'shop' },
              rules: [
                {
                  apiGroups: [''],
                  resources: ['configmaps'],
                  verbs: ['get', 'list'],
                },
              ],
            },
            {
              apiVersion: 'networking.k8s.io/v1',
              kind: 'NetworkPolicy',
              metadata: { name: 'cart-ingress', namespace: 'shop' },
              spec: {
                podSelector: { matchLabels: { app: 'cart' } },
                policyTypes: ['Ingress'],
              },
            },
            {
              apiVersion: 'velero.io/v1',
              kind: 'Backup',
              metadata: { name: 'nightly-20250101030000', namespace: 'velero' },
              spec: { includedNamespaces: ['shop'] },
              status: {
                phase: 'Completed',
                startTimestamp: '${now-3h}',
                completionTimestamp: '${now-2h}',
              },
            },
          ],
        },
      ],
      pace: 20,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-sim-kubectl-'));
    fs.writeFileSync(path.join(dir, 'admin'), sim.kubeconfig());
    fs.writeFileSync(
      path.join(dir, 'reader'),
      sim.kubeconfig({ user: 'reader' }),
    );
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // A fresh discovery cache per run: ports are reused across runs, versions and groups are not.
  const kubectl = async (args: string[], user = 'admin') => {
    const { stdout } = await run(KUBECTL, [
      '--kubeconfig',
      path.join(dir, user),
      '--cache-dir',
      path.join(dir, 'cache'),
      ...args,
    ]);
    return stdout;
  };
  const rows = (table: string) =>
    table
      .trim()
      .split('\n')
      .map(line => line.split(/\s+/));

  it('get deployments -A lists every namespace', async () => {
    const table = rows(await kubectl(['get', 'deployments', '-A']));
    expect(table[0]).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
    ]);
    expect(table.slice(1).map(r => `${r[0]}/${r[1]}`)).toEqual([
      'shop/cart',
      'shop/legacy',
      'shop/web',
    ]);
    const web = await eventually(async () => {
      const row = rows(await kubectl(['get', 'deployments', '-A'])).find(
        r => r[1] === 'web',
      )!;
      return row[2] === '3/3' && row;
    });
    expect(web.slice(2, 5)).toEqual(['3/3', '3', '3']);
  });

  it('get -w prints the current rows, then each change as a row', async () => {
    const child = spawn(KUBECTL, [
      '--kubeconfig',
      path.join(dir, 'admin'),
      '--cache-dir',
      path.join(dir, 'cache'),
      'get',
      'configmaps',
      '-n',
      'shop',
      '-w',
      '--output-watch-events',
    ]);
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.stderr.on('data', chunk => (out += chunk));
    try {
      await eventually(() => /^EVENT\s+NAME\s+DATA\s+AGE/m.test(out), 20_000);
      const file = path.join(dir, 'watched-row.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'watched-row', namespace: 'shop' },
          data: { a: '1', b: '2' },
        }),
      );
      await kubectl(['apply', '--validate=false', '-f', file]);
      await eventually(() => /^ADDED\s+watched-row\s+2\s/m.test(out), 20_000);
    } finally {
      child.kill();
    }
    expect(out).not.toMatch(/error|unable/i);
  });

  it('get deploy -o json -l filters by label', async () => {
    const list = JSON.parse(
      await kubectl([
        'get',
        'deploy',
        '-n',
        'shop',
        '-o',
        'json',
        '-l',
        'app=web',
      ]),
    );
    expect(list.kind).toBe('List');
    expect(list.items.map((d: any) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Deployment/web',
    ]);
  });

  it('scale deployment sets the replicas', async () => {
    expect(
      await kubectl(['scale', 'deployment/cart', '-n', 'shop', '--replicas=3']),
    ).toContain('deployment.apps/cart scaled');
    expect(
      sim.cluster('alpha').objects.get('deployments', 'shop', 'cart')!.spec
        .replicas,
    ).toBe(3);
  });

  it('patch --type merge changes the object', async () => {
    const out = await kubectl([
      'patch',
      'deployment',
      'legacy',
      '-n',
      'shop',
      '--type',
      'merge',
      '-p',
      '{"metadata":{"labels":{"patched":"yes"}}}',
    ]);
    expect(out).toContain('deployment.apps/legacy patched');
    expect(
      sim.cluster('alpha').objects.get('deployments', 'shop', 'legacy')!
        .metadata.labels,
    ).toMatchObject({ patched: 'yes' });
  });

  it('get nodes lists the fixture nodes', async () => {
    const table = rows(await kubectl(['get', 'nodes']));
    expect(table[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE']);
    expect(table.slice(1).map(r => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      'alpha-cp-1 Ready control-plane',
      'alpha-w-1 Ready worker',
      'alpha-w-2 Ready worker',
    ]);
  });

  it('get backups.velero.io lists Velero backups', async () => {
    const table = rows(
      await kubectl(['get', 'backups.velero.io', '-n', 'velero']),
    );
    expect(table.slice(1).map(r => `${r[0]} ${r[1]}`)).toEqual([
      'nightly-20250101030000 Completed',
    ]);
  });

  it('api-resources lists the kinds charts ship, with their short names and scope', async () => {
    const table = rows(await kubectl(['api-resources']));
    expect(table[0]).toEqual([
      'NAME',
      'SHORTNAMES',
      'APIVERSION',
      'NAMESPACED',
      'KIND',
    ]);
    const byName = new Map(table.slice(1).map(r => [r[0], r.join(' ')]));
    expect(
      [
        'serviceaccounts',
        'limitranges',
        'networkpolicies',
        'roles',
        'rolebindings',
        'clusterroles',
        'clusterrolebindings',
        'validatingwebhookconfigurations',
        'mutatingwebhookconfigurations',
        'priorityclasses',
        'customresourcedefinitions',
        'issuers',
        'clusterissuers',
      ].map(name => byName.get(name)),
    ).toEqual([
      'serviceaccounts sa v1 true ServiceAccount',
      'limitranges limits v1 true LimitRange',
      'networkpolicies netpol networking.k8s.io/v1 true NetworkPolicy',
      'roles rbac.authorization.k8s.io/v1 true Role',
      'rolebindings rbac.authorization.k8s.io/v1 true RoleBinding',
      'clusterroles rbac.authorization.k8s.io/v1 false ClusterRole',
      'clusterrolebindings rbac.authorization.k8s.io/v1 false ClusterRoleBinding',
      'validatingwebhookconfigurations admissionregistration.k8s.io/v1 false ValidatingWebhookConfiguration',
      'mutatingwebhookconfigurations admissionregistration.k8s.io/v1 false MutatingWebhookConfiguration',
      'priorityclasses pc scheduling.k8s.io/v1 false PriorityClass',
      'customresourcedefinitions crd,crds apiextensions.k8s.io/v1 false CustomResourceDefinition',
      'issuers cert-manager.io/v1 true Issuer',
      'clusterissuers cert-manager.io/v1 false ClusterIssuer',
    ]);
  });

  it('get sa,roles,netpol -A lists ServiceAccounts, Roles and NetworkPolicies', async () => {
    const out = await kubectl(['get', 'sa,roles,netpol', '-A']);
    const names = out
      .split('\n')
      .filter(line => line && !line.startsWith('NAMESPACE'))
      .map(line => line.split(/\s+/).slice(0, 2).join(' '));
    expect(names).toEqual([
      'shop serviceaccount/cart',
      'shop role.rbac.authorization.k8s.io/cart-reader',
      'shop networkpolicy.networking.k8s.io/cart-ingress',
    ]);
    expect(out).toContain('app=cart');
  });

  it("apply stores a Secret's stringData as base64 data, and re-apply changes it", async () => {
    const file = path.join(dir, 'secret.yaml');
    const secret = (password: string) =>
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: cart-db, namespace: shop}',
        `stringData: {password: "${password}"}`,
      ].join('\n');
    const data = async () =>
      JSON.parse(
        await kubectl(['get', 'secret', 'cart-db', '-n', 'shop', '-o', 'json']),
      );
    fs.writeFileSync(file, secret('first'));
    expect(await kubectl(['apply', '--validate=false', '-f', file])).toContain(
      'secret/cart-db created',
    );
    const created = await data();
    expect(created.data).toEqual({ password: base64('first') });
    expect(created.type).toBe('Opaque');
    expect(created.stringData).toBeUndefined();
    fs.writeFileSync(file, secret('second'));
    expect(await kubectl(['apply', '--validate=false', '-f', file])).toContain(
      'secret/cart-db configured',
    );
    expect((await data()).data).toEqual({ password: base64('second') });
  });

  it('reports RBAC denials the way it does for a real cluster', async () => {
    await expect(
      kubectl(['delete', 'configmap', 'settings', '-n', 'shop'], 'reader'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'Error from server (Forbidden): configmaps "settings" is forbidden: User "system:serviceaccount:kube-system:reader" cannot delete resource "configmaps" in API group "" in the namespace "shop"',
      ),
    });
  });
});
