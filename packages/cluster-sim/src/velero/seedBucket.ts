import { ClusterState } from '../cluster/ClusterState';
import { BucketStore } from './BucketStore';
import { toStoredBackup } from './backupController';
import { selectBackupObjects } from './backupSelection';
import { bucketOf, findStorageLocation, isReadOnly } from './storageLocations';

const FINISHED = ['Completed', 'PartiallyFailed', 'Failed'];

/**
 * Puts the finished Backups a fixture declares into the shared bucket, as if this cluster's Velero
 * had written them: clusters reading the same bucket then see them, and restoring them recreates
 * the cluster's current matching objects. The first cluster to write a name wins.
 */
export function seedBucketFromFixtures(
  cluster: ClusterState,
  bucket: BucketStore,
): void {
  if (!cluster.kinds.resolve('velero.io/backups')) return;
  for (const backup of cluster.store.list(cluster.kind('velero.io/backups'))) {
    if (!FINISHED.includes(backup.status?.phase)) continue;
    const location = findStorageLocation(
      cluster,
      backup.metadata.namespace!,
      backup.spec?.storageLocation,
    );
    const target =
      location && !isReadOnly(location) ? bucketOf(location) : undefined;
    if (!target || bucket.read(target, backup.metadata.name)) continue;
    const objects =
      backup.status.phase === 'Failed'
        ? []
        : selectBackupObjects(cluster, backup.spec ?? {});
    bucket.write(target, toStoredBackup(backup, objects));
  }
}
