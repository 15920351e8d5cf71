import fs from 'node:fs';
import path from 'node:path';
import {
  ClusterFixture,
  TokenDefinition,
  TokenRule,
  kindTable,
} from '@kube-reserve/cluster-sim';
import { parseAllDocuments } from 'yaml';
import { isRenewedByItsComponent } from './ControlPlane';
import { KubeApi, KubeObject } from './KubeApi';
import { waitUntil } from './processes';

const crdDir = path.join(
  path.dirname(require.resolve('@kube-reserve/control-planes/package.json')),
  'crds',
);
const KWOK_ANNOTATION = 'kwok.x-k8s.io/node';
const FIELD_MANAGER = 'kube-reserve-fixtures';

// Kinds whose status their real controller owns here: a fixture's status for them would be
// overwritten at once (the simulator's hold-status annotation has no real counterpart).
const controllerOwnedStatus = new Set([
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'apps/v1/ReplicaSet',
  'apps/v1/DaemonSet',
  'v1/Pod',
  'v1/Namespace',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget',
]);

/** Reads every YAML document of the CRD files of one family (`velero`, `cert-manager`). */
export function crdsOf(family: 'velero' | 'cert-manager'): KubeObject[] {
  const dir = path.join(crdDir, family);
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))
        .map(doc => doc.toJS() as KubeObject | null)
        .filter((doc): doc is KubeObject => Boolean(doc)),
    );
}

/** Installs CRDs and waits until the API server serves them. */
export async function installCrds(
  api: KubeApi,
  crds: KubeObject[],
): Promise<void> {
  await api.discover();
  for (const crd of crds) await api.apply(crd, FIELD_MANAGER);
  await waitUntil(
    `${api.url}: ${crds.length} CRDs established`,
    async () => {
      const established = await Promise.all(
        crds.map(async crd => {
          const stored = await api.request<{
            status?: { conditions?: { type: string; status: string }[] };
          }>(
            'GET',
            `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
          );
          return (stored.status?.conditions ?? []).some(
            c => c.type === 'Established' && c.status === 'True',
          );
        }),
      );
      return established.every(Boolean);
    },
    { timeoutMs: 60_000 },
  );
  await api.discover();
}

const knownGroups = new Set(kindTable.map(k => k.group).filter(g => g !== ''));

/** One fixture token rule as RBAC rules: `group/plural/sub`, `plural`, `group/*` or `*`. */
export function policyRulesOf(rule: TokenRule): object[] {
  return rule.resources.map(resource => {
    const parts = resource.split('/');
    const group =
      parts.length > 1 && (knownGroups.has(parts[0]) || parts[0].includes('.'))
        ? parts.shift()!
        : undefined;
    // A bare plural matches its kind in whatever group serves it, as the simulator does.
    return {
      apiGroups: [group ?? '*'],
      resources: [parts.join('/')],
      verbs: rule.verbs,
    };
  });
}

/**
 * The service account of a fixture token and its rights: a ClusterRole and binding for rules
 * across namespaces, a Role and RoleBinding per namespace for rules limited to namespaces.
 */
export function rbacObjectsOf(token: TokenDefinition): KubeObject[] {
  const namespace = token.namespace ?? 'kube-system';
  const name = `kube-reserve-fixture:${token.name}`;
  const subject = { kind: 'ServiceAccount', name: token.name, namespace };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: token.name, namespace },
    },
  ];
  const clusterRules = token.rules.filter(r => !r.namespaces);
  if (clusterRules.length > 0) {
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name },
        rules: clusterRules.flatMap(policyRulesOf),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name,
        },
        subjects: [subject],
      },
    );
  }
  const namespaces = new Set(token.rules.flatMap(r => r.namespaces ?? []));
  for (const ns of namespaces) {
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, namespace: ns },
        rules: token.rules
          .filter(r => r.namespaces?.includes(ns))
          .flatMap(policyRulesOf),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [subject],
      },
    );
  }
  return objects;
}

/** The fixture's nodes as Node objects and their statuses; KWOK manages the ready ones. */
function nodesOf(
  fixture: ClusterFixture,
): { node: KubeObject; status: object }[] {
  return (fixture.nodes ?? []).map(n => {
    const roles = n.roles ?? [];
    const ready = n.ready !== false;
    return {
      node: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.name,
          ...(ready ? { annotations: { [KWOK_ANNOTATION]: 'fake' } } : {}),
          labels: {
            'kubernetes.io/hostname': n.name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            type: 'kwok',
            ...Object.fromEntries(
              roles.map(role => [`node-role.kubernetes.io/${role}`, '']),
            ),
            ...(n.zone ? { 'topology.kubernetes.io/zone': n.zone } : {}),
          },
        },
        spec: {
          ...(n.unschedulable ? { unschedulable: true } : {}),
          ...(roles.includes('control-plane')
            ? {
                taints: [
                  {
                    key: 'node-role.kubernetes.io/control-plane',
                    effect: 'NoSchedule',
                  },
                ],
              }
            : {}),
        },
      },
      status: {
        nodeInfo: {
          kubeletVersion: n.kubeletVersion ?? fixture.version,
          architecture: 'amd64',
          operatingSystem: 'linux',
          bootID: '',
          containerRuntimeVersion: '',
          kernelVersion: '',
          kubeProxyVersion: '',
          machineID: '',
          osImage: '',
          systemUUID: '',
        },
        ...(ready
          ? {}
          : {
              conditions: [
                {
                  type: 'Ready',
                  status: 'False',
                  reason: 'KubeletNotReady',
                  message: 'not ready (as the fixture says)',
                  lastHeartbeatTime: new Date().toISOString(),
                  lastTransitionTime: new Date().toISOString(),
                },
              ],
            }),
      },
    };
  });
}

function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/**
 * Seeds a started control plane with a fixture, as cluster-sim would hold it: CRDs, the
 * tokens' service accounts and rights, nodes (managed by KWOK unless not ready), then the
 * manifests in order, each status the fixture declares written through the status subresource
 * (except where a real controller owns it).
 */
export async function seedFixture(
  api: KubeApi,
  fixture: ClusterFixture,
): Promise<void> {
  const crds = [
    ...(fixture.crds?.velero === false ? [] : crdsOf('velero')),
    ...(fixture.crds?.certManager === false ? [] : crdsOf('cert-manager')),
  ];
  await installCrds(api, crds);

  const manifests = fixture.manifests ?? [];
  const namespaces = new Set<string>([
    ...fixture.tokens.map(t => t.namespace ?? 'kube-system'),
    ...manifests.flatMap(m =>
      m.kind !== 'Namespace' && hasNamespace(api, m)
        ? [m.metadata.namespace ?? 'default']
        : [],
    ),
  ]);
  for (const ns of namespaces)
    await api.apply(namespaceObject(ns), FIELD_MANAGER);
  for (const token of fixture.tokens) {
    for (const object of rbacObjectsOf(token))
      await api.apply(object, FIELD_MANAGER);
  }

  // KWOK takes over the ready nodes (marked when created: it does not notice a mark added
  // later) and initializes their status, writing its own version as the kubelet's where none
  // is set yet; the fixture's is written once it has, and KWOK keeps it from then on.
  const nodes = nodesOf(fixture);
  for (const { node } of nodes) await api.apply(node, FIELD_MANAGER);
  await Promise.all(
    nodes.map(async ({ node, status }) => {
      if (!(status as { conditions?: unknown }).conditions) {
        await waitUntil(
          `${fixture.name}: KWOK makes node ${node.metadata.name} Ready`,
          async () => {
            const stored = await api.request<{
              status?: { conditions?: { type: string; status: string }[] };
            }>('GET', `/api/v1/nodes/${node.metadata.name}`);
            return (stored.status?.conditions ?? []).some(
              c => c.type === 'Ready' && c.status === 'True',
            );
          },
          { timeoutMs: 60_000 },
        );
      }
      await api.applyStatus({ ...node, status }, FIELD_MANAGER);
    }),
  );

  for (const manifest of manifests) {
    const object = manifest as KubeObject;
    // The real component holds and renews this one.
    if (isRenewedByItsComponent(object)) continue;
    // A kind with a status subresource takes its status apart, as its controller writes it;
    // a kind without one (Velero's) stores the status with the object.
    const separateStatus = api.hasStatus(object.apiVersion!, object.kind!);
    const { status, ...rest } = object;
    const written = separateStatus ? rest : object;
    const stored = await api
      .apply(
        written.metadata.namespace || !hasNamespace(api, object)
          ? written
          : {
              ...written,
              metadata: { ...written.metadata, namespace: 'default' },
            },
        FIELD_MANAGER,
      )
      .catch(error => {
        throw new Error(
          `${fixture.name}: applying ${object.kind} ${
            object.metadata.namespace ?? ''
          }/${object.metadata.name}: ${(error as Error).message}`,
        );
      });
    if (
      status &&
      separateStatus &&
      !controllerOwnedStatus.has(`${object.apiVersion}/${object.kind}`)
    ) {
      await api.applyStatus({ ...stored, status } as KubeObject, FIELD_MANAGER);
    }
  }
}

function hasNamespace(api: KubeApi, object: KubeObject): boolean {
  return api
    .pathOf(object.apiVersion!, object.kind!, 'x')
    .includes('/namespaces/');
}
