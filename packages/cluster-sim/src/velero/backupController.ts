import { ClusterState } from '../cluster/ClusterState';
import { isStatusHeld, saveIfChanged } from '../controllers/saveIfChanged';
import { KubeObject, rfc3339 } from '../store/ObjectStore';
import { BucketStore, StoredBackup } from './BucketStore';
import { selectBackupObjects } from './backupSelection';
import { parseGoDuration } from './goDuration';
import {
  bucketOf,
  findStorageLocation,
  isReadOnly,
  STORAGE_LOCATION_LABEL,
} from './storageLocations';

/** The annotation that makes a Backup or Restore fail, with its value as the failure reason. */
export const FAIL_ANNOTATION = 'cluster-sim.kube-reserve.io/fail';

const DEFAULT_TTL = '720h0m0s';

/** A Backup as Velero writes it to object storage. */
export function toStoredBackup(
  backup: KubeObject,
  objects: KubeObject[],
): StoredBackup {
  return {
    name: backup.metadata.name,
    labels: backup.metadata.labels ?? {},
    annotations: backup.metadata.annotations ?? {},
    spec: backup.spec ?? {},
    status: backup.status ?? {},
    objects,
  };
}

function validate(
  cluster: ClusterState,
  backup: KubeObject,
  now: Date,
): KubeObject {
  const namespace = backup.metadata.namespace!;
  const requested = backup.spec?.storageLocation;
  const location = findStorageLocation(cluster, namespace, requested);
  const errors: string[] = [];
  if (!location) {
    errors.push(
      requested
        ? `an existing backup storage location was not specified at backup creation time and the default '${requested}' was not found`
        : "an existing backup storage location wasn't specified at backup creation time and the server default 'default' doesn't exist. Please address this issue (see `velero backup-location -h` for options) and create a new backup.",
    );
  } else if (isReadOnly(location)) {
    errors.push(
      `backup can't be created because BackupStorageLocation ${location.metadata.name} is in read-only mode`,
    );
  }
  const ttl = backup.spec?.ttl || DEFAULT_TTL;
  const ttlMs = parseGoDuration(ttl);
  if (ttlMs === undefined) errors.push(`invalid ttl: ${ttl}`);
  if (errors.length > 0) {
    return {
      ...backup,
      status: {
        ...backup.status,
        phase: 'FailedValidation',
        validationErrors: errors,
      },
    };
  }
  return {
    ...backup,
    metadata: {
      ...backup.metadata,
      labels: {
        ...backup.metadata.labels,
        [STORAGE_LOCATION_LABEL]: location!.metadata.name,
      },
    },
    spec: { ...backup.spec, storageLocation: location!.metadata.name, ttl },
    status: {
      ...backup.status,
      phase: 'InProgress',
      version: 1,
      formatVersion: '1.1.0',
      startTimestamp: rfc3339(now),
      expiration: rfc3339(new Date(now.getTime() + ttlMs!)),
      progress: {},
    },
  };
}

function complete(
  cluster: ClusterState,
  bucket: BucketStore,
  backup: KubeObject,
  now: Date,
): KubeObject {
  const failure =
    backup.metadata.annotations?.[FAIL_ANNOTATION] ??
    cluster.faults.get().failBackups;
  const objects = failure
    ? []
    : selectBackupObjects(cluster, backup.spec ?? {});
  const status = failure
    ? {
        ...backup.status,
        phase: 'Failed',
        failureReason: failure,
        completionTimestamp: rfc3339(now),
        errors: 1,
      }
    : {
        ...backup.status,
        phase: 'Completed',
        completionTimestamp: rfc3339(now),
        progress: { totalItems: objects.length, itemsBackedUp: objects.length },
      };
  const finished = { ...backup, status };
  const location = findStorageLocation(
    cluster,
    backup.metadata.namespace!,
    backup.spec?.storageLocation,
  );
  const target = location && bucketOf(location);
  // Velero uploads failed backups' metadata too, so every cluster reading the bucket sees them.
  if (target) bucket.write(target, toStoredBackup(finished, objects));
  return finished;
}

/** One round of the backup controller: new → New → InProgress (or FailedValidation) → Completed (or Failed). */
export function reconcileBackups(
  cluster: ClusterState,
  bucket: BucketStore,
  now: Date,
): void {
  const info = cluster.kind('velero.io/backups');
  for (const backup of cluster.store.list(info)) {
    if (isStatusHeld(backup)) continue;
    switch (backup.status?.phase ?? '') {
      case '':
        saveIfChanged(cluster, info, backup, {
          ...backup,
          status: { ...backup.status, phase: 'New' },
        });
        break;
      case 'New':
        saveIfChanged(cluster, info, backup, validate(cluster, backup, now));
        break;
      case 'InProgress':
        saveIfChanged(
          cluster,
          info,
          backup,
          complete(cluster, bucket, backup, now),
        );
        break;
      default:
    }
  }
}
