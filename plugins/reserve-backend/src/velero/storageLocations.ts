import { ClusterFacts } from '@kube-reserve/plugin-reserve-common';
import { parseGoDuration } from './cronSchedule';
import {
  VeleroBackupStorageLocation,
  VeleroBackupSpec,
} from '../kube/veleroTypes';

const minuteMs = 60_000;
// Velero syncs a location every backupSyncPeriod (1m by default); a few missed syncs are
// noise, a sync older than this means the reserve no longer learns of new backups.
const missedSyncs = 3;
const minimumStaleMs = 10 * minuteMs;

/** The location a backup spec writes to: the one it names, else the cluster's default. */
export function locationOf(
  spec: VeleroBackupSpec,
  locations: readonly VeleroBackupStorageLocation[],
): VeleroBackupStorageLocation | undefined {
  return spec.storageLocation
    ? locations.find(l => l.metadata?.name === spec.storageLocation)
    : locations.find(l => l.spec?.default);
}

function normalizedPrefix(location: VeleroBackupStorageLocation): string {
  return (location.spec?.objectStorage?.prefix ?? '').replace(/^\/+|\/+$/g, '');
}

/** Whether two locations (on different clusters) read and write the same backups. */
export function sameStorage(
  a: VeleroBackupStorageLocation,
  b: VeleroBackupStorageLocation,
): boolean {
  return (
    (a.spec?.provider ?? '') === (b.spec?.provider ?? '') &&
    Boolean(a.spec?.objectStorage?.bucket) &&
    a.spec?.objectStorage?.bucket === b.spec?.objectStorage?.bucket &&
    normalizedPrefix(a) === normalizedPrefix(b)
  );
}

/** `bucket/prefix` of a location, as messages name it. */
export function storagePath(location: VeleroBackupStorageLocation): string {
  const prefix = normalizedPrefix(location);
  return `${location.spec?.objectStorage?.bucket ?? '?'}${
    prefix ? `/${prefix}` : ''
  }`;
}

/** How old a location's last sync may get before its backup list is out of date. */
export function staleSyncAfterMs(
  location: VeleroBackupStorageLocation,
): number {
  const periodMs =
    parseGoDuration(location.spec?.backupSyncPeriod ?? '') || minuteMs;
  return Math.max(missedSyncs * periodMs, minimumStaleMs);
}

/**
 * Why a location's data would burn with the primary, `unknown` when its configuration does
 * not say where it is, or undefined when it is elsewhere.
 */
export function sameSiteReason(
  location: VeleroBackupStorageLocation,
  primary: ClusterFacts,
): string | 'unknown' | undefined {
  const config = location.spec?.config ?? {};
  const name = `BackupStorageLocation ${location.metadata?.name}`;
  const url = config.s3Url ?? '';
  // An object store served from inside the primary (MinIO behind a Service) burns with it.
  if (/^https?:\/\/[^/]+\.svc(\.cluster\.local)?(:\d+)?(\/|$)/.test(url)) {
    return `${name} stores backups inside ${primary.name} (${url})`;
  }
  const place = config.region ?? config.site;
  if (!place) return 'unknown';
  if (place === primary.region || place === primary.site) {
    return `${name} stores backups in ${place}, the primary's own ${
      place === primary.site ? 'site' : 'region'
    }`;
  }
  return undefined;
}
