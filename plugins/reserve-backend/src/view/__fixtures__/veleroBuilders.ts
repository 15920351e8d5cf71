import { DrillRecord } from '@kube-reserve/plugin-reserve-common';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSideView, resourceOfKind } from '../EntityView';
import {
  VeleroBackup,
  VeleroBackupSpec,
  VeleroBackupStorageLocation,
  VeleroRestore,
  VeleroSchedule,
  scheduleNameLabel,
} from '../../kube/veleroTypes';
import { testNamespace } from './workloadBuilders';

// The instant `anEntityView` measures against.
const viewNow = new Date('2026-03-01T12:00:00Z');

/** An hour, a day: durations tests speak in. */
export const hour = 3_600_000;
/** A day in milliseconds. */
export const day = 24 * hour;

/** The ISO time `ms` before the test's now. */
export function ago(ms: number): string {
  return new Date(viewNow.getTime() - ms).toISOString();
}

/** The same object with these labels on its metadata (Velero selects objects by them). */
export function labelled<T extends KubernetesObject>(
  object: T,
  labels: Record<string, string>,
): T {
  return { ...object, metadata: { ...object.metadata, labels } };
}

/** A backup spec of the test namespace with file-system backup of volumes. */
export function aBackupSpec(
  overrides: VeleroBackupSpec = {},
): VeleroBackupSpec {
  return {
    includedNamespaces: [testNamespace],
    storageLocation: 'default',
    defaultVolumesToFsBackup: true,
    ttl: '72h0m0s',
    ...overrides,
  };
}

/** An Enabled, unpaused hourly Schedule of the test namespace, last run 20 minutes ago. */
export function aSchedule(
  name = 'hourly',
  options: {
    cron?: string;
    template?: VeleroBackupSpec;
    phase?: string;
    paused?: boolean;
    validationErrors?: string[];
  } = {},
): VeleroSchedule {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name, namespace: 'velero' },
    spec: {
      schedule: options.cron ?? '0 * * * *',
      paused: options.paused ?? false,
      template: options.template ?? aBackupSpec(),
    },
    status: {
      ...(options.phase !== '' ? { phase: options.phase ?? 'Enabled' } : {}),
      lastBackup: ago(20 * 60_000),
      ...(options.validationErrors
        ? { validationErrors: options.validationErrors }
        : {}),
    },
  };
}

/** A Completed backup of the hourly schedule, started `startedAgo` before now, taking 2 minutes. */
export function aBackup(
  name: string,
  options: {
    startedAgo?: number;
    phase?: string;
    spec?: VeleroBackupSpec;
    schedule?: string;
    errors?: number;
    validationErrors?: string[];
  } = {},
): VeleroBackup {
  const startedAgo = options.startedAgo ?? 20 * 60_000;
  const phase = options.phase ?? 'Completed';
  const finished = ['Completed', 'PartiallyFailed', 'Failed'].includes(phase);
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name,
      namespace: 'velero',
      labels: { [scheduleNameLabel]: options.schedule ?? 'hourly' },
    },
    spec: options.spec ?? aBackupSpec(),
    status: {
      phase,
      ...(phase !== 'New' && phase !== 'FailedValidation'
        ? { startTimestamp: ago(startedAgo) }
        : {}),
      ...(finished
        ? { completionTimestamp: ago(startedAgo - 2 * 60_000) }
        : {}),
      errors: options.errors ?? 0,
      warnings: 0,
      ...(options.validationErrors
        ? { validationErrors: options.validationErrors }
        : {}),
    },
  };
}

/** An Available BackupStorageLocation on bucket `backups`, prefix `prod-fra`, in eu-west-1, synced a minute ago. */
export function aBackupStorageLocation(
  options: {
    name?: string;
    accessMode?: 'ReadWrite' | 'ReadOnly';
    bucket?: string;
    prefix?: string;
    config?: Record<string, string>;
    phase?: string;
    lastSyncedAgo?: number;
  } = {},
): VeleroBackupStorageLocation {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name: options.name ?? 'default', namespace: 'velero' },
    spec: {
      provider: 'aws',
      default: true,
      accessMode: options.accessMode ?? 'ReadWrite',
      objectStorage: {
        bucket: options.bucket ?? 'backups',
        prefix: options.prefix ?? 'prod-fra',
      },
      config: options.config ?? { region: 'eu-west-1' },
      backupSyncPeriod: '1m0s',
    },
    status: {
      phase: options.phase ?? 'Available',
      lastSyncedTime: ago(options.lastSyncedAgo ?? 60_000),
    },
  };
}

/** A Restore of `backupName` into the scratch namespace `shop-drill`, Completed in 9 minutes a day ago. */
export function aRestore(
  name: string,
  backupName: string,
  options: {
    phase?: string;
    startedAgo?: number;
    includedNamespaces?: string[];
    namespaceMapping?: Record<string, string>;
  } = {},
): VeleroRestore {
  const startedAgo = options.startedAgo ?? day;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name, namespace: 'velero' },
    spec: {
      backupName,
      includedNamespaces: options.includedNamespaces ?? [testNamespace],
      namespaceMapping: options.namespaceMapping ?? {
        [testNamespace]: `${testNamespace}-drill`,
      },
    },
    status: {
      phase: options.phase ?? 'Completed',
      startTimestamp: ago(startedAgo),
      completionTimestamp: ago(startedAgo - 9 * 60_000),
    },
  };
}

/** A stored drill of `component:default/shop` on reserve-ams, Completed `completedAgo` before now. */
export function aDrill(
  completedAgo: number,
  overrides: Partial<DrillRecord> = {},
): DrillRecord {
  return {
    entityRef: 'component:default/shop',
    cluster: 'reserve-ams',
    restoreName: `shop-drill-${completedAgo}`,
    backupName: 'hourly-20260228100000',
    namespaceMapping: { shop: 'shop-drill' },
    phase: 'Completed',
    startedAt: ago(completedAgo + 9 * 60_000),
    completedAt: ago(completedAgo),
    durationMs: 9 * 60_000,
    recordedAt: ago(completedAgo - 60_000),
    ...overrides,
  };
}

/** The same side where Velero's CRDs are not installed (the collector saw them absent). */
export function withoutVelero(side: ClusterSideView): ClusterSideView {
  const kinds = [
    'veleroSchedules',
    'veleroBackups',
    'veleroRestores',
    'veleroBackupStorageLocations',
  ] as const;
  const rest: ClusterSideView = {
    ...side,
    status: { ...side.status, kinds: { ...side.status.kinds } },
  };
  for (const kind of kinds) {
    delete rest[kind];
    rest.status.kinds[resourceOfKind[kind]] = {
      state: 'absent',
      message: 'the server could not find the requested resource',
    };
  }
  return rest;
}

/** Velero on a well-kept primary: an hourly schedule of the namespace, a fresh backup, an off-site location. */
export function healthyPrimaryVelero() {
  return {
    veleroSchedules: [aSchedule()],
    veleroBackups: [aBackup('hourly-1')],
    veleroBackupStorageLocations: [aBackupStorageLocation()],
  };
}

/** Velero on a well-kept reserve: a ReadOnly location on the primary's bucket that lists its backup, and a recent drill. */
export function healthyReserveVelero() {
  return {
    veleroBackups: [aBackup('hourly-1')],
    veleroBackupStorageLocations: [
      aBackupStorageLocation({ accessMode: 'ReadOnly' }),
    ],
    veleroRestores: [aRestore('shop-drill', 'hourly-1')],
  };
}
