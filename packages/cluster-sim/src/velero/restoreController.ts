import { ClusterState } from '../cluster/ClusterState';
import { isStatusHeld, saveIfChanged } from '../controllers/saveIfChanged';
import { KubeObject, rfc3339 } from '../store/ObjectStore';
import { FAIL_ANNOTATION } from './backupController';
import { BucketStore } from './BucketStore';
import { restoreObjects } from './restoreObjects';
import { bucketOf, findStorageLocation } from './storageLocations';

const RESTORABLE = ['Completed', 'PartiallyFailed'];

/** The Backup a Restore names, or the newest completed one of the Schedule it names. */
function sourceBackup(
  cluster: ClusterState,
  restore: KubeObject,
): KubeObject | undefined {
  const backups = cluster.store.list(
    cluster.kind('velero.io/backups'),
    restore.metadata.namespace,
  );
  if (restore.spec?.backupName) {
    return backups.find(b => b.metadata.name === restore.spec.backupName);
  }
  const schedule = restore.spec?.scheduleName;
  return backups
    .filter(
      b =>
        b.metadata.labels?.['velero.io/schedule-name'] === schedule &&
        RESTORABLE.includes(b.status?.phase),
    )
    .sort((a, b) =>
      (a.status?.startTimestamp ?? '').localeCompare(
        b.status?.startTimestamp ?? '',
      ),
    )
    .pop();
}

function validate(
  cluster: ClusterState,
  restore: KubeObject,
  now: Date,
): KubeObject {
  const errors: string[] = [];
  if (!restore.spec?.backupName && !restore.spec?.scheduleName) {
    errors.push(
      'Either a backup or schedule must be specified as a source for the restore, but not both',
    );
  } else {
    const backup = sourceBackup(cluster, restore);
    if (!backup) {
      errors.push(
        restore.spec?.backupName
          ? `Error retrieving backup: backups.velero.io "${restore.spec.backupName}" not found`
          : `No backups found for schedule ${restore.spec.scheduleName}`,
      );
    } else if (!RESTORABLE.includes(backup.status?.phase)) {
      errors.push(
        `backup ${backup.metadata.name} is not in a restorable phase (${
          backup.status?.phase ?? 'New'
        })`,
      );
    }
  }
  if (errors.length > 0) {
    return {
      ...restore,
      status: {
        ...restore.status,
        phase: 'FailedValidation',
        validationErrors: errors,
      },
    };
  }
  const backup = sourceBackup(cluster, restore)!;
  return {
    ...restore,
    spec: { ...restore.spec, backupName: backup.metadata.name },
    status: {
      ...restore.status,
      phase: 'InProgress',
      startTimestamp: rfc3339(now),
      progress: {},
    },
  };
}

function run(
  cluster: ClusterState,
  bucket: BucketStore,
  restore: KubeObject,
  now: Date,
): KubeObject {
  const done = (status: Record<string, unknown>) => ({
    ...restore,
    status: { ...restore.status, completionTimestamp: rfc3339(now), ...status },
  });
  const failure = restore.metadata.annotations?.[FAIL_ANNOTATION];
  if (failure) return done({ phase: 'Failed', failureReason: failure });
  const backup = sourceBackup(cluster, restore);
  const location =
    backup &&
    findStorageLocation(
      cluster,
      backup.metadata.namespace!,
      backup.spec?.storageLocation,
    );
  const target = location && bucketOf(location);
  const stored = target && bucket.read(target, backup!.metadata.name);
  if (!stored) {
    return done({
      phase: 'Failed',
      // Velero counts no errors for a restore that failed before restoring anything.
      failureReason:
        'error downloading backup: backup not found in object storage',
    });
  }
  const outcome = restoreObjects(
    cluster,
    stored,
    restore.spec ?? {},
    restore.metadata.name,
  );
  return done({
    phase: 'Completed',
    progress: {
      totalItems: outcome.totalItems,
      itemsRestored: outcome.itemsRestored,
    },
    ...(outcome.warnings.length ? { warnings: outcome.warnings.length } : {}),
  });
}

/** One round of the restore controller: new → InProgress (or FailedValidation) → Completed (or Failed). */
export function reconcileRestores(
  cluster: ClusterState,
  bucket: BucketStore,
  now: Date,
): void {
  const info = cluster.kind('velero.io/restores');
  for (const restore of cluster.store.list(info)) {
    if (isStatusHeld(restore)) continue;
    switch (restore.status?.phase ?? '') {
      case '':
      case 'New':
        saveIfChanged(cluster, info, restore, validate(cluster, restore, now));
        break;
      case 'InProgress':
        saveIfChanged(
          cluster,
          info,
          restore,
          run(cluster, bucket, restore, now),
        );
        break;
      default:
    }
  }
}
