import { CheckId, CheckResult } from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectKind,
  ClusterObjectLists,
  ClusterSideView,
  EntityView,
  resourceOfKind,
} from '../../readiness/EntityView';
import { readSide } from '../clusterData';
import { combineClusterResults, unknownResult } from '../outcome';
import { missingPrimaryMessage } from '../sides';

/** The primary's lists a backup check asked for, or the result it must give without them. */
export type PrimaryVelero<K extends ClusterObjectKind> =
  | { lists: Pick<ClusterObjectLists, K>; side: ClusterSideView }
  | { result: CheckResult };

/** Whether Velero's CRDs are missing from a cluster (not unreadable: not there at all). */
export function veleroAbsent(side: ClusterSideView): boolean {
  return side.status.kinds[resourceOfKind.veleroBackups]?.state === 'absent';
}

/**
 * Reads the primary's lists for a backup check. Backups are taken on the primary, so without
 * Velero there the entity has no restore point at all: that fails, while unreadable data
 * leaves the check unknown.
 */
export function readPrimaryVelero<K extends ClusterObjectKind>(
  view: EntityView,
  id: CheckId,
  kinds: readonly K[],
): PrimaryVelero<K> {
  const side = view.primary;
  if (!side) return { result: unknownResult(id, missingPrimaryMessage(view)) };
  const cluster = side.cluster.name;
  if (side.status.state === 'ok' && veleroAbsent(side)) {
    const message = `Velero is not installed on ${cluster}`;
    return {
      result: combineClusterResults(id, [{ cluster, state: 'fail', message }]),
    };
  }
  const data = readSide(side, kinds);
  if ('unknown' in data) {
    return { result: combineClusterResults(id, [data.unknown]) };
  }
  return { lists: data.lists, side };
}
