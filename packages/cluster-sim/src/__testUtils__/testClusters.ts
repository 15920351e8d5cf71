import * as k8s from '@kubernetes/client-node';
import https from 'node:https';
import { ClusterFixture } from '../fixtures/ClusterFixture';
import { KindRegistry } from '../kinds/KindRegistry';
import { apiVersionOf } from '../kinds/kindTable';
import { Simulator } from '../simulator';
import { KubeObject } from '../store/ObjectStore';

/** Tokens every test cluster has: an admin, a reader, and one limited to one namespace. */
export const testTokens = (cluster: string) => [
  {
    name: 'admin',
    token: `${cluster}-admin-token`,
    rules: [{ verbs: ['*'], resources: ['*'] }],
  },
  {
    name: 'reader',
    token: `${cluster}-reader-token`,
    rules: [{ verbs: ['get', 'list', 'watch'], resources: ['*'] }],
  },
  {
    name: 'shop-editor',
    token: `${cluster}-shop-editor-token`,
    rules: [
      {
        verbs: ['get', 'list', 'patch'],
        resources: ['apps/deployments', 'configmaps'],
        namespaces: ['shop'],
      },
    ],
  },
];

/** A Deployment manifest for tests. */
export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name, ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'main',
              image: `registry.example/${name}:1.0.0`,
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'MODE', value: 'prod' }],
            },
            { name: 'sidecar', image: 'registry.example/proxy:2.1.0' },
          ],
        },
      },
    },
  };
}

/** A small cluster: a shop namespace with three Deployments and a ConfigMap, and Velero set up. */
export function shopCluster(
  name: string,
  overrides: Partial<ClusterFixture> = {},
  bucketAccess = 'ReadWrite',
): ClusterFixture {
  return {
    name,
    version: 'v1.34.2',
    certificate: { notAfter: '+90d' },
    nodes: [
      { name: `${name}-cp-1`, roles: ['control-plane'], zone: 'z-a' },
      { name: `${name}-w-1`, roles: ['worker'], zone: 'z-a' },
      {
        name: `${name}-w-2`,
        roles: ['worker'],
        zone: 'z-b',
        kubeletVersion: 'v1.33.5',
      },
    ],
    tokens: testTokens(name),
    manifests: [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { team: 'payments' } },
      },
      deployment('shop', 'cart', 2, { tier: 'backend' }),
      deployment('shop', 'web', 3, { tier: 'frontend' }),
      deployment('shop', 'legacy', 1),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'settings',
          namespace: 'shop',
          labels: { app: 'cart' },
        },
        data: { region: 'eu' },
      },
      {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name: 'default', namespace: 'velero' },
        spec: {
          provider: 'aws',
          default: true,
          accessMode: bucketAccess,
          objectStorage: { bucket: 'shared-backups', prefix: 'shop' },
        },
      },
    ],
    ...overrides,
  };
}

/** API clients for one cluster of a running simulator, authenticated with the named token. */
export function clientsFor(sim: Simulator, cluster: string, user?: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfig({ user }));
  kc.setCurrentContext(cluster);
  return {
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
  };
}

/**
 * The API path of a manifest's object (or, with `collection`, of the list it is created in),
 * from the simulator's kind table.
 */
export function apiPath(obj: KubeObject, collection = false): string {
  const info = new KindRegistry().byApiVersionKind(obj.apiVersion!, obj.kind!);
  if (!info) throw new Error(`no served kind ${obj.kind} (${obj.apiVersion})`);
  const prefix = info.group ? `/apis/${apiVersionOf(info)}` : '/api/v1';
  const namespace = info.namespaced
    ? `/namespaces/${obj.metadata.namespace ?? 'default'}`
    : '';
  const name = collection ? '' : `/${obj.metadata.name}`;
  return `${prefix}${namespace}/${info.plural}${name}`;
}

/**
 * One API request with the cluster's admin token, answered as the JSON on the wire (no client
 * model in between, so fields the API server should never return would show).
 */
export function apiRequest(
  sim: Simulator,
  cluster: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ code: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${sim.cluster(cluster).url}${path}`, {
      method,
      ca: sim.caPem,
      headers: {
        Authorization: `Bearer ${sim.cluster(cluster).token('admin')}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': contentType }),
      },
    });
    req.on('response', res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ code: res.statusCode ?? 0, body: JSON.parse(text) }),
      );
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The HTTP code and Status body of a failed client call. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await call;
  } catch (e: any) {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, body };
  }
  throw new Error('the call succeeded, but a failure was expected');
}

/** Polls until the check returns a value other than undefined or false, or fails after the timeout. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms${
          last ? `: ${(last as Error).message}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 20));
  }
}
