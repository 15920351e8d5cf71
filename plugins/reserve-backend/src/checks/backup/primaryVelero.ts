import { CheckId, CheckResult } from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectKind,
  ClusterObjectLists,
  ClusterSideView,
  EntityView,
  resourceOfKind,
} from '../../view/EntityView';
import { coverageDependsOnObjects } from '../../velero/coverage';
import { coveredWorkloadKinds } from '../../velero/entityBackups';
import { VeleroBackupSpec } from '../../kube/veleroTypes';
import { readSide, unavailableReason } from '../../view/clusterData';
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

type WorkloadKind = (typeof coveredWorkloadKinds)[number];

const isWorkloadKind = (kind: ClusterObjectKind): kind is WorkloadKind =>
  (coveredWorkloadKinds as readonly string[]).includes(kind);

/** Every backup spec on a side: its Schedules' templates and its Backups' specs. */
function backupSpecs(side: ClusterSideView): VeleroBackupSpec[] {
  return [
    ...(side.veleroSchedules ?? []).map(s => s.spec?.template ?? {}),
    ...(side.veleroBackups ?? []).map(b => b.spec ?? {}),
  ];
}

/**
 * Reads the primary's lists for a backup check. Backups are taken on the primary, so without
 * Velero there the entity has no restore point at all: that fails, while unreadable data
 * leaves the check unknown.
 *
 * The entity's workloads matter only to a spec that selects objects by labels or resources:
 * when every spec on the primary takes whole namespaces, a workload kind that could not be
 * listed leaves nothing unknown, and its list counts as empty.
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
  const workloadKinds = kinds.filter(isWorkloadKind);
  const data = readSide(
    side,
    kinds.filter(kind => !isWorkloadKind(kind)),
  );
  if ('unknown' in data) {
    return { result: combineClusterResults(id, [data.unknown]) };
  }
  const workloadsMissing = unavailableReason(side, workloadKinds);
  if (!workloadsMissing) {
    return { lists: side as Pick<ClusterObjectLists, K>, side };
  }
  if (backupSpecs(side).some(coverageDependsOnObjects)) {
    return {
      result: combineClusterResults(id, [
        { cluster, state: 'unknown', message: workloadsMissing },
      ]),
    };
  }
  const emptyWhereMissing = Object.fromEntries(
    workloadKinds.map(kind => [kind, side[kind] ?? []]),
  );
  return {
    lists: { ...side, ...emptyWhereMissing } as Pick<ClusterObjectLists, K>,
    side,
  };
}
