/**
 * How the entity view takes a kind's objects: those carrying the entity's labels (or
 * kubernetes-id), everything in the entity's namespaces (PDBs, Endpoints, quotas and config
 * objects rarely carry the workload's labels), or everything on the cluster.
 */
export type ViewScope = 'labelled' | 'namespaces' | 'cluster';

/** The names of the entity view's object lists (`ClusterObjectLists` in view/EntityView). */
export type ViewListName =
  | 'deployments'
  | 'statefulSets'
  | 'daemonSets'
  | 'cronJobs'
  | 'podDisruptionBudgets'
  | 'horizontalPodAutoscalers'
  | 'services'
  | 'endpoints'
  | 'configMaps'
  | 'secrets'
  | 'persistentVolumeClaims'
  | 'ingresses'
  | 'resourceQuotas'
  | 'ingressClasses'
  | 'storageClasses'
  | 'nodes'
  | 'leases'
  | 'certificates'
  | 'clusterDeployments'
  | 'clusterPodDisruptionBudgets'
  | 'veleroSchedules'
  | 'veleroBackups'
  | 'veleroRestores'
  | 'veleroBackupStorageLocations';

/** A resource kind the collector lists on every cluster, once per cycle. */
export interface CollectedKind {
  /**
   * The key snapshots and statuses use: the plural, or `plural.group` for CRDs. Messages name
   * the kind with it ("secrets forbidden on reserve-ams").
   */
  key: string;
  apiVersion: string;
  kind: string;
  /** Limits the list to one namespace (`velero` is the configured Velero namespace). */
  namespace?: 'kube-system' | 'velero';
  /** A CRD that may not be installed: a 404 means absent, not failed. */
  optional?: boolean;
  /** The entity view's lists filled from this kind, and how each takes its objects. */
  views: ReadonlyArray<{ list: ViewListName; scope: ViewScope }>;
}

const view = (list: ViewListName, scope: ViewScope) => [{ list, scope }];

/**
 * The one table of kinds: what the collector lists, and from it the entity view's lists, their
 * scope and the resource each list names in messages. Listing each kind once per cluster,
 * whatever the number of entities, keeps a refresh's cost at clusters × kinds.
 */
export const COLLECTED_KINDS: readonly CollectedKind[] = [
  {
    key: 'nodes',
    apiVersion: 'v1',
    kind: 'Node',
    views: view('nodes', 'cluster'),
  },
  {
    key: 'services',
    apiVersion: 'v1',
    kind: 'Service',
    views: view('services', 'namespaces'),
  },
  {
    key: 'endpoints',
    apiVersion: 'v1',
    kind: 'Endpoints',
    views: view('endpoints', 'namespaces'),
  },
  {
    key: 'configmaps',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    views: view('configMaps', 'namespaces'),
  },
  {
    key: 'secrets',
    apiVersion: 'v1',
    kind: 'Secret',
    views: view('secrets', 'namespaces'),
  },
  {
    key: 'persistentvolumeclaims',
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    views: view('persistentVolumeClaims', 'namespaces'),
  },
  {
    key: 'resourcequotas',
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    views: view('resourceQuotas', 'namespaces'),
  },
  {
    key: 'deployments',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    // Every Deployment too, to find the ingress controller behind an IngressClass.
    views: [
      { list: 'deployments', scope: 'labelled' },
      { list: 'clusterDeployments', scope: 'cluster' },
    ],
  },
  {
    key: 'statefulsets',
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    views: view('statefulSets', 'labelled'),
  },
  {
    key: 'daemonsets',
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    views: view('daemonSets', 'labelled'),
  },
  {
    key: 'cronjobs',
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    views: view('cronJobs', 'labelled'),
  },
  {
    key: 'poddisruptionbudgets',
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    // Every PDB too, for the ingress controller's.
    views: [
      { list: 'podDisruptionBudgets', scope: 'namespaces' },
      { list: 'clusterPodDisruptionBudgets', scope: 'cluster' },
    ],
  },
  {
    key: 'horizontalpodautoscalers',
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    views: view('horizontalPodAutoscalers', 'labelled'),
  },
  {
    key: 'ingresses',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    views: view('ingresses', 'labelled'),
  },
  {
    key: 'ingressclasses',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    views: view('ingressClasses', 'cluster'),
  },
  {
    key: 'storageclasses',
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    views: view('storageClasses', 'cluster'),
  },
  {
    key: 'leases',
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    namespace: 'kube-system',
    views: view('leases', 'cluster'),
  },
  // Backups cover namespaces and labels, not entities: the backup checks decide coverage.
  {
    key: 'schedules.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    namespace: 'velero',
    optional: true,
    views: view('veleroSchedules', 'cluster'),
  },
  {
    key: 'backups.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    namespace: 'velero',
    optional: true,
    views: view('veleroBackups', 'cluster'),
  },
  {
    key: 'restores.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    namespace: 'velero',
    optional: true,
    views: view('veleroRestores', 'cluster'),
  },
  {
    key: 'backupstoragelocations.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    namespace: 'velero',
    optional: true,
    views: view('veleroBackupStorageLocations', 'cluster'),
  },
  {
    key: 'certificates.cert-manager.io',
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    optional: true,
    views: view('certificates', 'namespaces'),
  },
];
