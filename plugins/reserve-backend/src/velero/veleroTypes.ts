import type { KubernetesObject } from '@kubernetes/client-node';

// Velero's CRDs (velero.io/v1) have no client-node types; these declare the fields Kube Reserve
// reads, as Velero's API reference documents them.

/** The part of a Backup spec that decides what it covers, shared by Schedule templates. */
export interface VeleroBackupSpec {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  includeClusterResources?: boolean | null;
  labelSelector?: LabelSelectorSpec;
  orLabelSelectors?: LabelSelectorSpec[];
  snapshotVolumes?: boolean | null;
  defaultVolumesToFsBackup?: boolean | null;
  snapshotMoveData?: boolean | null;
  storageLocation?: string;
  ttl?: string;
}

/** A Kubernetes LabelSelector object. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** velero.io/v1 Schedule. */
export interface VeleroSchedule extends KubernetesObject {
  spec?: {
    schedule?: string;
    paused?: boolean;
    useOwnerReferencesInBackup?: boolean;
    template?: VeleroBackupSpec;
  };
  status?: {
    phase?: string;
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
    includedNamespaces?: string[];
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
    config?: Record<string, string>;
  };
  status?: {
    phase?: string;
    lastSyncedTime?: string;
    lastValidationTime?: string;
    message?: string;
  };
}
