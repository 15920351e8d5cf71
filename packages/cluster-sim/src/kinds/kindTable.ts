/** A subresource the simulator serves below an object's path. */
export type Subresource = 'status' | 'scale';

/** Optional CRD groups a cluster fixture can leave out. */
export type CrdFamily = 'velero' | 'certManager';

/** One served resource kind, described the way API discovery describes it. */
export interface KindInfo {
  /** API group, '' for the core group. */
  group: string;
  /** The served (and only) version. */
  version: string;
  /** Plural resource name, as used in paths and RBAC rules. */
  plural: string;
  /** Lower-case singular name. */
  singular: string;
  /** The object kind. */
  kind: string;
  /** Whether objects live in namespaces. */
  namespaced: boolean;
  /** Short names kubectl accepts, e.g. `deploy`. */
  shortNames: string[];
  /** Subresources served under each object. */
  subresources: Subresource[];
  /** Whether metadata.generation is kept and bumped on spec changes. */
  generation: boolean;
  /** Whether DELETE answers with the deleted object instead of a success Status. */
  returnsDeletedObject: boolean;
  /** Extra fieldSelector fields the real API server supports for this kind. */
  selectableFields: Record<string, (obj: any) => string | undefined>;
  /** Discovery categories, e.g. `all` (what `kubectl get all` lists). */
  categories: string[];
  /** The CRD family this kind comes from, if it is not built in. */
  crd?: CrdFamily;
}

type KindRow = [
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: Subresource[],
  options?: Partial<KindInfo>,
];

// Built-in kinds first, then CRDs. Kept as data so that discovery, routing, RBAC and the
// Velero resource filters all answer from the same table.
const rows: KindRow[] = [
  [
    '',
    'v1',
    'namespaces',
    'Namespace',
    false,
    ['ns'],
    ['status'],
    {
      selectableFields: { 'status.phase': o => o.status?.phase },
    },
  ],
  [
    '',
    'v1',
    'nodes',
    'Node',
    false,
    ['no'],
    ['status'],
    {
      selectableFields: {
        'spec.unschedulable': o => String(Boolean(o.spec?.unschedulable)),
      },
    },
  ],
  [
    '',
    'v1',
    'pods',
    'Pod',
    true,
    ['po'],
    ['status'],
    {
      returnsDeletedObject: true,
      categories: ['all'],
      selectableFields: {
        'spec.nodeName': o => o.spec?.nodeName ?? '',
        'status.phase': o => o.status?.phase ?? '',
      },
    },
  ],
  [
    '',
    'v1',
    'services',
    'Service',
    true,
    ['svc'],
    ['status'],
    { returnsDeletedObject: true, categories: ['all'] },
  ],
  [
    '',
    'v1',
    'endpoints',
    'Endpoints',
    true,
    ['ep'],
    [],
    { singular: 'endpoints' },
  ],
  ['', 'v1', 'configmaps', 'ConfigMap', true, ['cm'], []],
  [
    '',
    'v1',
    'secrets',
    'Secret',
    true,
    [],
    [],
    {
      selectableFields: { type: o => o.type ?? 'Opaque' },
    },
  ],
  [
    '',
    'v1',
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
    true,
    ['pvc'],
    ['status'],
  ],
  [
    '',
    'v1',
    'persistentvolumes',
    'PersistentVolume',
    false,
    ['pv'],
    ['status'],
  ],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota'], ['status']],
  ['', 'v1', 'limitranges', 'LimitRange', true, ['limits'], []],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa'], []],
  [
    'apps',
    'v1',
    'deployments',
    'Deployment',
    true,
    ['deploy'],
    ['status', 'scale'],
    { generation: true, categories: ['all'] },
  ],
  [
    'apps',
    'v1',
    'statefulsets',
    'StatefulSet',
    true,
    ['sts'],
    ['status', 'scale'],
    { generation: true, categories: ['all'] },
  ],
  [
    'apps',
    'v1',
    'daemonsets',
    'DaemonSet',
    true,
    ['ds'],
    ['status'],
    { generation: true, categories: ['all'] },
  ],
  [
    'apps',
    'v1',
    'replicasets',
    'ReplicaSet',
    true,
    ['rs'],
    ['status', 'scale'],
    { generation: true, categories: ['all'] },
  ],
  [
    'batch',
    'v1',
    'cronjobs',
    'CronJob',
    true,
    ['cj'],
    ['status'],
    { generation: true, categories: ['all'] },
  ],
  [
    'batch',
    'v1',
    'jobs',
    'Job',
    true,
    [],
    ['status'],
    { generation: true, categories: ['all'] },
  ],
  [
    'policy',
    'v1',
    'poddisruptionbudgets',
    'PodDisruptionBudget',
    true,
    ['pdb'],
    ['status'],
    { generation: true },
  ],
  [
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
    ['status'],
  ],
  [
    'networking.k8s.io',
    'v1',
    'ingresses',
    'Ingress',
    true,
    ['ing'],
    ['status'],
    { generation: true },
  ],
  [
    'networking.k8s.io',
    'v1',
    'ingressclasses',
    'IngressClass',
    false,
    [],
    [],
    { generation: true },
  ],
  [
    'networking.k8s.io',
    'v1',
    'networkpolicies',
    'NetworkPolicy',
    true,
    ['netpol'],
    [],
    { generation: true },
  ],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true, [], []],
  [
    'rbac.authorization.k8s.io',
    'v1',
    'rolebindings',
    'RoleBinding',
    true,
    [],
    [],
  ],
  [
    'rbac.authorization.k8s.io',
    'v1',
    'clusterroles',
    'ClusterRole',
    false,
    [],
    [],
  ],
  [
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
    [],
    [],
  ],
  [
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
    [],
    [],
    { generation: true, categories: ['api-extensions'] },
  ],
  [
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
    [],
    [],
    { generation: true, categories: ['api-extensions'] },
  ],
  // Stored as given: a CRD object here does not make its kind served.
  [
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    ['crd', 'crds'],
    ['status'],
    {
      generation: true,
      // The real DELETE answers with the CRD (marked for deletion) while its instances are cleaned up.
      returnsDeletedObject: true,
      categories: ['api-extensions'],
    },
  ],
  [
    'scheduling.k8s.io',
    'v1',
    'priorityclasses',
    'PriorityClass',
    false,
    ['pc'],
    [],
  ],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', true, [], []],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true, [], []],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc'], []],
  ['velero.io', 'v1', 'backups', 'Backup', true, [], [], crd('velero')],
  ['velero.io', 'v1', 'restores', 'Restore', true, [], [], crd('velero')],
  ['velero.io', 'v1', 'schedules', 'Schedule', true, [], [], crd('velero')],
  [
    'velero.io',
    'v1',
    'backupstoragelocations',
    'BackupStorageLocation',
    true,
    ['bsl'],
    [],
    crd('velero'),
  ],
  [
    'cert-manager.io',
    'v1',
    'certificates',
    'Certificate',
    true,
    ['cert', 'certs'],
    ['status'],
    crd('certManager'),
  ],
  [
    'cert-manager.io',
    'v1',
    'issuers',
    'Issuer',
    true,
    [],
    ['status'],
    crd('certManager'),
  ],
  [
    'cert-manager.io',
    'v1',
    'clusterissuers',
    'ClusterIssuer',
    false,
    [],
    ['status'],
    crd('certManager'),
  ],
];

function crd(family: CrdFamily): Partial<KindInfo> {
  return {
    crd: family,
    generation: true,
    returnsDeletedObject: true,
    categories: family === 'velero' ? ['velero'] : ['cert-manager'],
  };
}

/** Every kind the simulator knows, built in and CRD. */
export const kindTable: readonly KindInfo[] = rows.map(
  ([
    group,
    version,
    plural,
    kind,
    namespaced,
    shortNames,
    subresources,
    options,
  ]) => ({
    group,
    version,
    plural,
    kind,
    namespaced,
    shortNames,
    subresources,
    singular: kind.toLowerCase(),
    generation: false,
    returnsDeletedObject: false,
    selectableFields: {},
    categories: [],
    ...options,
  }),
);

/** The apiVersion string (`v1`, `apps/v1`) of a kind. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The resource name qualified by group the way error messages print it (`deployments.apps`). */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
