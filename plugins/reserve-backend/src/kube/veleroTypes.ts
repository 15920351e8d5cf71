import type { KubernetesObject } from '@kubernetes/client-node';

// Velero's CRDs (velero.io/v1) have no client-node types; these declare the fields Kube Reserve
// reads, as Velero's API reference documents them. Phases stay plain strings on the objects:
// a newer Velero may add phases, and the code must classify those rather than mistype them.

/** Every Backup phase of Velero 1.18 (`Queued` and `ReadyToStart` are new in 1.18). */
export const veleroBackupPhases = [
  'New',
  'Queued',
  'ReadyToStart',
  'FailedValidation',
  'InProgress',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
  'Completed',
  'PartiallyFailed',
  'Failed',
  'Deleting',
] as const;

/** A Backup phase Velero 1.18 knows. */
export type VeleroBackupPhase = (typeof veleroBackupPhases)[number];

/** The label Velero puts on every Backup a Schedule creates. */
export const scheduleNameLabel = 'velero.io/schedule-name';

/** The label Velero puts on a Backup naming its BackupStorageLocation. */
export const storageLocationLabel = 'velero.io/storage-location';

/** The part of a Backup spec that decides what it covers, shared by Schedule templates. */
export interface VeleroBackupSpec {
  includedNamespaces?: string[] | null;
  excludedNamespaces?: string[] | null;
  /** The old resource filters; Velero ignores the scoped ones below when any of these is set. */
  includedResources?: string[] | null;
  excludedResources?: string[] | null;
  includeClusterResources?: boolean | null;
  includedNamespaceScopedResources?: string[] | null;
  excludedNamespaceScopedResources?: string[] | null;
  includedClusterScopedResources?: string[] | null;
  excludedClusterScopedResources?: string[] | null;
  labelSelector?: LabelSelectorSpec | null;
  /** Mutually exclusive with labelSelector: Velero fails validation when both are set. */
  orLabelSelectors?: LabelSelectorSpec[] | null;
  snapshotVolumes?: boolean | null;
  defaultVolumesToFsBackup?: boolean | null;
  snapshotMoveData?: boolean | null;
  storageLocation?: string;
  ttl?: string;
}

/** A Kubernetes LabelSelector object. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** velero.io/v1 Schedule. */
export interface VeleroSchedule extends KubernetesObject {
  spec?: {
    /** A 5-field cron expression, a descriptor (`@daily`) or `@every <duration>`. */
    schedule?: string;
    paused?: boolean;
    useOwnerReferencesInBackup?: boolean;
    template?: VeleroBackupSpec;
  };
  status?: {
    /** `New`, `Enabled` or `FailedValidation`; pausing does not change it. */
    phase?: string;
    /** When the last backup was submitted (not completed). */
    lastBackup?: string;
    validationErrors?: string[];
  };
}

/** velero.io/v1 Backup. */
export interface VeleroBackup extends KubernetesObject {
  spec?: VeleroBackupSpec;
  status?: {
    phase?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    expiration?: string;
    errors?: number;
    warnings?: number;
    validationErrors?: string[];
    failureReason?: string;
  };
}

/** velero.io/v1 Restore. */
export interface VeleroRestore extends KubernetesObject {
  spec?: {
    backupName?: string;
    scheduleName?: string;
    includedNamespaces?: string[] | null;
    excludedNamespaces?: string[] | null;
    namespaceMapping?: Record<string, string>;
  };
  status?: {
    phase?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    errors?: number;
    warnings?: number;
    failureReason?: string;
  };
}

/** velero.io/v1 BackupStorageLocation. */
export interface VeleroBackupStorageLocation extends KubernetesObject {
  spec?: {
    provider?: string;
    default?: boolean;
    accessMode?: 'ReadWrite' | 'ReadOnly';
    objectStorage?: { bucket?: string; prefix?: string };
    /** Provider settings; `region` (and for S3-compatible stores `s3Url`) say where the data is. */
    config?: Record<string, string>;
    /** How often the location is synced into the cluster's Backup list, e.g. `1m0s`. */
    backupSyncPeriod?: string;
  };
  status?: {
    /** `Available` or `Unavailable`. */
    phase?: string;
    lastSyncedTime?: string;
    lastValidationTime?: string;
    message?: string;
  };
}

// The fields of a type as a list, which must name every field of it (a missing one does not
// compile): the collector keeps exactly these of each Backup and Restore (clusters/compactObjects).
function allFields<T>() {
  return <const L extends ReadonlyArray<keyof T>>(
    ...fields: L &
      ([Exclude<keyof T, L[number]>] extends [never] ? unknown : never)
  ): readonly string[] => fields as readonly string[];
}

type Defined<T> = Exclude<T, undefined>;

export const veleroBackupSpecFields = allFields<VeleroBackupSpec>()(
  'includedNamespaces',
  'excludedNamespaces',
  'includedResources',
  'excludedResources',
  'includeClusterResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'labelSelector',
  'orLabelSelectors',
  'snapshotVolumes',
  'defaultVolumesToFsBackup',
  'snapshotMoveData',
  'storageLocation',
  'ttl',
);

export const veleroBackupStatusFields = allFields<
  Defined<VeleroBackup['status']>
>()(
  'phase',
  'startTimestamp',
  'completionTimestamp',
  'expiration',
  'errors',
  'warnings',
  'validationErrors',
  'failureReason',
);

export const veleroRestoreSpecFields = allFields<
  Defined<VeleroRestore['spec']>
>()(
  'backupName',
  'scheduleName',
  'includedNamespaces',
  'excludedNamespaces',
  'namespaceMapping',
);

export const veleroRestoreStatusFields = allFields<
  Defined<VeleroRestore['status']>
>()(
  'phase',
  'startTimestamp',
  'completionTimestamp',
  'errors',
  'warnings',
  'failureReason',
);
