import { KubeObject } from '../store/ObjectStore';

/** A backup as Velero keeps it in object storage: its metadata, spec, status and contents. */
export interface StoredBackup {
  /** Backup name. */
  name: string;
  /** Labels of the Backup object. */
  labels: Record<string, string>;
  /** Annotations of the Backup object. */
  annotations: Record<string, string>;
  /** The Backup's spec. */
  spec: any;
  /** The Backup's status when it was written. */
  status: any;
  /** Copies of the objects the backup covers, with apiVersion and kind. */
  objects: KubeObject[];
}

/** Identifies a place in object storage: a bucket and an optional prefix. */
export interface BucketLocation {
  /** Bucket name. */
  bucket: string;
  /** Prefix inside the bucket. */
  prefix?: string;
}

function keyOf(location: BucketLocation): string {
  const prefix = (location.prefix ?? '').replace(/^\/+|\/+$/g, '');
  return `${location.bucket}/${prefix}`;
}

/**
 * The object storage shared by every cluster of one simulator run: what one cluster's Velero
 * writes, another cluster reading the same bucket and prefix sees.
 */
export class BucketStore {
  private readonly locations = new Map<string, Map<string, StoredBackup>>();

  /** Writes (or overwrites) a backup. */
  write(location: BucketLocation, backup: StoredBackup): void {
    const key = keyOf(location);
    if (!this.locations.has(key)) this.locations.set(key, new Map());
    this.locations.get(key)!.set(backup.name, structuredClone(backup));
  }

  /** One backup, or undefined. */
  read(location: BucketLocation, name: string): StoredBackup | undefined {
    const backup = this.locations.get(keyOf(location))?.get(name);
    return backup && structuredClone(backup);
  }

  /** Every backup at a location, by name. */
  list(location: BucketLocation): StoredBackup[] {
    return [...(this.locations.get(keyOf(location))?.values() ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(b => structuredClone(b));
  }

  /** Removes a backup; answers whether it was there. */
  remove(location: BucketLocation, name: string): boolean {
    return this.locations.get(keyOf(location))?.delete(name) ?? false;
  }
}
