/** A resource kind the collector lists on every cluster, once per cycle. */
export interface CollectedKind {
  /** The key snapshots and statuses use: the plural, or `plural.group` for CRDs. */
  key: string;
  apiVersion: string;
  kind: string;
  /** Limits the list to one namespace (`velero` is the configured Velero namespace). */
  namespace?: 'kube-system' | 'velero';
  /** A CRD that may not be installed: a 404 means absent, not failed. */
  optional?: boolean;
}

/**
 * Everything the checks read. Listing each kind once per cluster, whatever the number of
 * entities, keeps a refresh's cost at clusters × kinds.
 */
export const COLLECTED_KINDS: readonly CollectedKind[] = [
  { key: 'nodes', apiVersion: 'v1', kind: 'Node' },
  { key: 'services', apiVersion: 'v1', kind: 'Service' },
  { key: 'endpoints', apiVersion: 'v1', kind: 'Endpoints' },
  { key: 'configmaps', apiVersion: 'v1', kind: 'ConfigMap' },
  { key: 'secrets', apiVersion: 'v1', kind: 'Secret' },
  {
    key: 'persistentvolumeclaims',
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
  },
  { key: 'resourcequotas', apiVersion: 'v1', kind: 'ResourceQuota' },
  { key: 'deployments', apiVersion: 'apps/v1', kind: 'Deployment' },
  { key: 'statefulsets', apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { key: 'daemonsets', apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { key: 'cronjobs', apiVersion: 'batch/v1', kind: 'CronJob' },
  {
    key: 'poddisruptionbudgets',
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
  },
  {
    key: 'horizontalpodautoscalers',
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
  },
  { key: 'ingresses', apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  {
    key: 'ingressclasses',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
  },
  {
    key: 'storageclasses',
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
  },
  {
    key: 'leases',
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    namespace: 'kube-system',
  },
  {
    key: 'schedules.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    namespace: 'velero',
    optional: true,
  },
  {
    key: 'backups.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    namespace: 'velero',
    optional: true,
  },
  {
    key: 'restores.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    namespace: 'velero',
    optional: true,
  },
  {
    key: 'backupstoragelocations.velero.io',
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    namespace: 'velero',
    optional: true,
  },
  {
    key: 'certificates.cert-manager.io',
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    optional: true,
  },
];
