import { KindInfo } from '../kinds/kindTable';
import { KubeObject } from '../store/ObjectStore';
import { formatLabelSelector } from './scale';

type Column = [
  name: string,
  cell: (obj: KubeObject, now: number) => string | number,
  type?: string,
];

/** Kubernetes' human-readable duration (duration.HumanDuration), as the AGE column shows it. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  const y = Math.floor(d / 365);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (y < 2) return `${d}d`;
  if (y < 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

const age: Column = [
  'Age',
  (o, now) =>
    humanDuration(now - Date.parse(o.metadata.creationTimestamp ?? '')),
  'string',
];
// Kinds whose printers show the creation time instead of an age.
const createdAt: Column = [
  'Created At',
  o => o.metadata.creationTimestamp ?? '',
  'date',
];
const CREATED_AT_KINDS = new Set([
  '/limitranges',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
  'apiextensions.k8s.io/customresourcedefinitions',
]);
const count = (n: unknown) => Number(n ?? 0);
const roleRef = (o: KubeObject) => `${o.roleRef?.kind}/${o.roleRef?.name}`;
const readyCondition = (o: KubeObject) =>
  o.status?.conditions?.find((c: any) => c.type === 'Ready')?.status ?? '';

function nodeStatus(o: KubeObject): string {
  const ready =
    o.status?.conditions?.find((c: any) => c.type === 'Ready')?.status ===
    'True';
  return `${ready ? 'Ready' : 'NotReady'}${
    o.spec?.unschedulable ? ',SchedulingDisabled' : ''
  }`;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter(l => l.startsWith('node-role.kubernetes.io/'))
    .map(l => l.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

// The columns the real API server prints for the kinds people most often `kubectl get`;
// every other kind gets Name and Age, like a CRD without printer columns.
const COLUMNS: Record<string, Column[]> = {
  'apps/deployments': [
    [
      'Ready',
      o => `${count(o.status?.readyReplicas)}/${count(o.spec?.replicas)}`,
    ],
    ['Up-to-date', o => count(o.status?.updatedReplicas), 'integer'],
    ['Available', o => count(o.status?.availableReplicas), 'integer'],
  ],
  'apps/statefulsets': [
    [
      'Ready',
      o => `${count(o.status?.readyReplicas)}/${count(o.spec?.replicas)}`,
    ],
  ],
  'apps/replicasets': [
    ['Desired', o => count(o.spec?.replicas), 'integer'],
    ['Current', o => count(o.status?.replicas), 'integer'],
    ['Ready', o => count(o.status?.readyReplicas), 'integer'],
  ],
  'apps/daemonsets': [
    ['Desired', o => count(o.status?.desiredNumberScheduled), 'integer'],
    ['Current', o => count(o.status?.currentNumberScheduled), 'integer'],
    ['Ready', o => count(o.status?.numberReady), 'integer'],
    ['Up-to-date', o => count(o.status?.updatedNumberScheduled), 'integer'],
    ['Available', o => count(o.status?.numberAvailable), 'integer'],
  ],
  '/nodes': [
    ['Status', nodeStatus],
    ['Roles', nodeRoles],
  ],
  '/namespaces': [['Status', o => o.status?.phase ?? 'Active']],
  '/configmaps': [
    [
      'Data',
      o =>
        Object.keys(o.data ?? {}).length +
        Object.keys(o.binaryData ?? {}).length,
      'integer',
    ],
  ],
  '/secrets': [
    ['Type', o => o.type ?? 'Opaque'],
    ['Data', o => Object.keys(o.data ?? {}).length, 'integer'],
  ],
  '/services': [
    ['Type', o => o.spec?.type ?? 'ClusterIP'],
    ['Cluster-IP', o => o.spec?.clusterIP ?? '<none>'],
    [
      'Port(s)',
      o =>
        (o.spec?.ports ?? [])
          .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
    ],
  ],
  'batch/cronjobs': [
    ['Schedule', o => o.spec?.schedule ?? ''],
    ['Suspend', o => String(Boolean(o.spec?.suspend)), 'boolean'],
    ['Active', o => (o.status?.active ?? []).length, 'integer'],
  ],
  'coordination.k8s.io/leases': [['Holder', o => o.spec?.holderIdentity ?? '']],
  '/persistentvolumeclaims': [
    ['Status', o => o.status?.phase ?? 'Pending'],
    ['Volume', o => o.spec?.volumeName ?? ''],
    ['StorageClass', o => o.spec?.storageClassName ?? ''],
  ],
  'velero.io/backups': [['Phase', o => o.status?.phase ?? '']],
  'velero.io/restores': [['Phase', o => o.status?.phase ?? '']],
  'velero.io/schedules': [
    ['Status', o => o.status?.phase ?? ''],
    ['Schedule', o => o.spec?.schedule ?? ''],
    ['Paused', o => String(Boolean(o.spec?.paused)), 'boolean'],
  ],
  'velero.io/backupstoragelocations': [['Phase', o => o.status?.phase ?? '']],
  '/serviceaccounts': [['Secrets', o => (o.secrets ?? []).length, 'integer']],
  'rbac.authorization.k8s.io/rolebindings': [['Role', roleRef]],
  'rbac.authorization.k8s.io/clusterrolebindings': [['Role', roleRef]],
  'networking.k8s.io/networkpolicies': [
    ['Pod-Selector', o => formatLabelSelector(o.spec?.podSelector) || '<none>'],
  ],
  'admissionregistration.k8s.io/validatingwebhookconfigurations': [
    ['Webhooks', o => (o.webhooks ?? []).length, 'integer'],
  ],
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': [
    ['Webhooks', o => (o.webhooks ?? []).length, 'integer'],
  ],
  'scheduling.k8s.io/priorityclasses': [
    ['Value', o => count(o.value), 'integer'],
    ['Global-Default', o => String(Boolean(o.globalDefault)), 'boolean'],
  ],
  'cert-manager.io/certificates': [
    ['Ready', readyCondition],
    ['Secret', o => o.spec?.secretName ?? ''],
  ],
  'cert-manager.io/issuers': [['Ready', readyCondition]],
  'cert-manager.io/clusterissuers': [['Ready', readyCondition]],
};

/** What a row carries of its object: metadata by default, as `includeObject` asks otherwise. */
function rowObject(obj: KubeObject, includeObject: string | null) {
  if (includeObject === 'Object') return obj;
  if (includeObject === 'None') return undefined;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: obj.metadata,
  };
}

/** Whether the client asked for server-side printing (kubectl get does). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** A meta.k8s.io/v1 Table of objects, as the API server answers `kubectl get`. */
export function toTable(
  info: KindInfo,
  objects: KubeObject[],
  listMetadata: Record<string, unknown>,
  includeObject: string | null,
) {
  const now = Date.now();
  const key = `${info.group}/${info.plural}`;
  const columns: Column[] = [
    ['Name', o => o.metadata.name, 'string'],
    ...(COLUMNS[key] ?? []),
    CREATED_AT_KINDS.has(key) ? createdAt : age,
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: columns.map(([name, , type], i) => ({
      name,
      type: type ?? 'string',
      format: i === 0 ? 'name' : '',
      description: '',
      priority: 0,
    })),
    rows: objects.map(o => ({
      cells: columns.map(([, cell]) => cell(o, now)),
      object: rowObject(o, includeObject),
    })),
  };
}
