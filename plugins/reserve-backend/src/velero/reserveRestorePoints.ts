import { readSide } from '../view/clusterData';
import { ClusterSideView, EntityView } from '../view/EntityView';
import { CoveredObject } from './coverage';
import {
  EntityBackup,
  coveredWorkloadKinds,
  coveringBackups,
  entityWorkloadObjects,
  newestRestorePoint,
} from './entityBackups';
import { storageLocationLabel } from '../kube/veleroTypes';

/** A restore point a reserve's Velero lists, synced from the bucket it shares with the primary. */
export interface ReserveRestorePoint {
  backup: EntityBackup & { startedAt: Date };
  /** The reserve that lists it, i.e. can restore it. */
  reserve: string;
  /** The reserve's BackupStorageLocation it was synced through, e.g. `default`. */
  location?: string;
}

/**
 * Whether the primary does not answer now although it was tried: its own listings are old,
 * and what the reserves list is the current word on the backups.
 */
export function primaryNotAnswering(view: EntityView): boolean {
  const state = view.primary?.status.state;
  return state !== undefined && state !== 'ok' && state !== 'pending';
}

/**
 * The entity's workloads as backups must contain them: the primary's lists (as last known
 * when it does not answer); a reserve's copies when a primary that does not answer never
 * listed them; none otherwise.
 */
export function entityObjectsForBackups(view: EntityView): CoveredObject[] {
  const sides = primaryNotAnswering(view)
    ? [view.primary, ...view.reserves]
    : [view.primary];
  const holder = sides.find(
    (side): side is ClusterSideView =>
      side !== undefined &&
      coveredWorkloadKinds.every(kind => side[kind] !== undefined),
  );
  return holder
    ? entityWorkloadObjects(holder as Required<ClusterSideView>)
    : [];
}

/**
 * The newest Completed backup covering the entity that a reserve's Velero lists: what a
 * failover could restore, whatever the primary's state.
 */
export function newestReserveRestorePoint(
  view: EntityView,
  objects: readonly CoveredObject[] = entityObjectsForBackups(view),
): ReserveRestorePoint | undefined {
  const seen = view.reserves.flatMap(side => {
    const data = readSide(side, ['veleroBackups']);
    if ('unknown' in data) return [];
    const newest = newestRestorePoint(
      coveringBackups(
        side.cluster.name,
        data.lists.veleroBackups,
        view.namespaces,
        objects,
      ),
    );
    if (!newest) return [];
    const location =
      newest.backup.metadata?.labels?.[storageLocationLabel] ??
      newest.backup.spec?.storageLocation;
    return [
      {
        backup: newest,
        reserve: side.cluster.name,
        ...(location ? { location } : {}),
      },
    ];
  });
  return seen.sort(
    (a, b) => b.backup.startedAt.getTime() - a.backup.startedAt.getTime(),
  )[0];
}

/** How messages name a restore point seen on a reserve: `hourly-1 seen through reserve-ams's location default`. */
export function describeReserveRestorePoint(
  point: ReserveRestorePoint,
): string {
  return `${point.backup.name} seen through ${point.reserve}'s location${
    point.location ? ` ${point.location}` : ''
  }`;
}
