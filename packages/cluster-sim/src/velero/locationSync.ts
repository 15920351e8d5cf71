import { ClusterState } from '../cluster/ClusterState';
import { isStatusHeld, saveIfChanged } from '../controllers/saveIfChanged';
import { rfc3339 } from '../store/ObjectStore';
import { BucketStore } from './BucketStore';
import { bucketOf, STORAGE_LOCATION_LABEL } from './storageLocations';

/**
 * One round of Velero's BackupStorageLocation validation and backup sync. A location is synced
 * when it never was, or when its last sync is older than the period: it becomes Available with a
 * fresh lastSyncedTime, and every backup in its bucket and prefix that the cluster lacks appears
 * as a Backup object (same name, spec and status; storageLocation and label naming this location).
 */
export function syncStorageLocations(
  cluster: ClusterState,
  bucket: BucketStore,
  now: Date,
  periodMs: number,
): void {
  const info = cluster.kind('velero.io/backupstoragelocations');
  const backups = cluster.kind('velero.io/backups');
  for (const location of cluster.store.list(info)) {
    // A held location stands for a cluster whose Velero is not running: nothing syncs there.
    if (isStatusHeld(location)) continue;
    const lastSync = Date.parse(location.status?.lastSyncedTime ?? '');
    if (
      !Number.isNaN(lastSync) &&
      now.getTime() - lastSync < periodMs &&
      location.status?.phase
    )
      continue;
    const target = bucketOf(location);
    if (!target) {
      saveIfChanged(cluster, info, location, {
        ...location,
        status: {
          ...location.status,
          phase: 'Unavailable',
          lastValidationTime: rfc3339(now),
          message: 'spec.objectStorage.bucket is required',
        },
      });
      continue;
    }
    const namespace = location.metadata.namespace!;
    for (const stored of bucket.list(target)) {
      if (cluster.store.get(backups, namespace, stored.name)) continue;
      cluster.store.add(backups, {
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: {
          name: stored.name,
          namespace,
          generation: 1,
          labels: {
            ...stored.labels,
            [STORAGE_LOCATION_LABEL]: location.metadata.name,
          },
          ...(Object.keys(stored.annotations).length
            ? { annotations: stored.annotations }
            : {}),
        },
        spec: { ...stored.spec, storageLocation: location.metadata.name },
        status: stored.status,
      });
    }
    const { message, ...status } = location.status ?? {};
    saveIfChanged(cluster, info, location, {
      ...location,
      status: {
        ...status,
        phase: 'Available',
        lastSyncedTime: rfc3339(now),
        lastValidationTime: rfc3339(now),
      },
    });
  }
}
