import { ClusterState } from '../cluster/ClusterState';
import { KubeObject } from '../store/ObjectStore';
import { BucketLocation } from './BucketStore';

/** The label Velero puts on a Backup naming its BackupStorageLocation. */
export const STORAGE_LOCATION_LABEL = 'velero.io/storage-location';

/** A named BackupStorageLocation in a namespace, or the default one (spec.default, else `default`). */
export function findStorageLocation(
  cluster: ClusterState,
  namespace: string,
  name?: string,
): KubeObject | undefined {
  const locations = cluster.store.list(
    cluster.kind('velero.io/backupstoragelocations'),
    namespace,
  );
  if (name) return locations.find(l => l.metadata.name === name);
  return (
    locations.find(l => l.spec?.default === true) ??
    locations.find(l => l.metadata.name === 'default')
  );
}

/** Where a location writes in object storage. */
export function bucketOf(location: KubeObject): BucketLocation | undefined {
  const storage = location.spec?.objectStorage;
  if (typeof storage?.bucket !== 'string') return undefined;
  return { bucket: storage.bucket, prefix: storage.prefix };
}

/** Whether a location only reads (a reserve's view of the primary's backups). */
export function isReadOnly(location: KubeObject): boolean {
  return location.spec?.accessMode === 'ReadOnly';
}
