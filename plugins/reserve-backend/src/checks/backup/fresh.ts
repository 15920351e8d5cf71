import {
  CheckResult,
  ClusterCheckResult,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../readiness/EntityView';
import {
  coveredWorkloadKinds,
  coveringBackups,
  coveringSchedules,
  entityWorkloadObjects,
  newestRestorePoint,
  runningGapMs,
} from '../../velero/entityBackups';
import {
  ReserveRestorePoint,
  describeReserveRestorePoint,
  entityObjectsForBackups,
  newestReserveRestorePoint,
  primaryNotAnswering,
} from '../../velero/reserveRestorePoints';
import { readSide } from '../clusterData';
import { readPrimaryVelero } from './primaryVelero';

const id = 'backup.fresh';

/**
 * backup.fresh: the newest Completed backup covering the entity, aged from its startTimestamp
 * (data written later is not in it), is younger than the RPO; older than twice the schedule's
 * interval warns, as Velero never catches up missed runs. `status.lastBackup` of a Schedule
 * is only when a backup was submitted, so it proves nothing here.
 *
 * Schedules are read only for that warning: a restore point past the RPO fails even when
 * the Schedules cannot be listed.
 *
 * While the primary does not answer, the restore points that count are those a reserve's
 * Velero lists (synced through its location from the shared bucket): they are what a
 * failover restores, named with the location they were seen through.
 */
export function checkBackupFresh(view: EntityView): CheckResult {
  // Without its primary, what a failover could restore is what the reserves list.
  const seen = primaryNotAnswering(view)
    ? newestReserveRestorePoint(view)
    : undefined;
  if (seen) return judgeReserveRestorePoint(view, seen);
  const data = readPrimaryVelero(view, id, [
    'veleroBackups',
    ...coveredWorkloadKinds,
  ]);
  if ('result' in data) return data.result;
  const { side } = data;
  const cluster = side.cluster.name;
  const { rpo } = view.policy;
  const rpoText = formatDuration(rpo.ms);
  const objects = entityWorkloadObjects(data.lists);
  const backups = coveringBackups(
    cluster,
    data.lists.veleroBackups,
    view.namespaces,
    objects,
  );
  const newest = newestRestorePoint(backups);
  const answer = (
    state: ClusterCheckResult['state'],
    message: string,
  ): CheckResult => ({
    id,
    state,
    message,
    clusters: [{ cluster, state, message }],
  });
  if (!newest) {
    const running = backups.filter(b => b.phaseClass === 'in-progress').length;
    return answer(
      'fail',
      `No Completed backup on ${cluster} covers the entity${
        running ? ` (${running} still in progress)` : ''
      }: there is no restore point`,
    );
  }
  const ageMs = view.now.getTime() - newest.startedAt.getTime();
  const point = `Backup ${
    newest.name
  }, the newest restore point, started ${formatDuration(
    Math.max(0, ageMs),
  )} ago`;
  if (ageMs > rpo.ms) {
    return answer('fail', `${point}, older than the RPO of ${rpoText}`);
  }
  const schedules = readSide(side, ['veleroSchedules']);
  if ('unknown' in schedules) {
    return answer(
      'unknown',
      `${point}, within the RPO of ${rpoText}; whether runs were missed is unknown: ${schedules.unknown.message}`,
    );
  }
  const gaps = coveringSchedules(
    cluster,
    schedules.lists.veleroSchedules,
    view.namespaces,
    objects,
    view.now,
  )
    .map(runningGapMs)
    .filter((gap): gap is number => gap !== undefined);
  const intervalMs = gaps.length ? Math.min(...gaps) : undefined;
  if (intervalMs !== undefined && ageMs > 2 * intervalMs) {
    return answer(
      'warn',
      `${point}, within the RPO of ${rpoText} but more than twice the schedule interval of ${formatDuration(
        intervalMs,
      )}: runs were missed`,
    );
  }
  return answer('pass', `${point}, within the RPO of ${rpoText}`);
}

/**
 * The newest restore point a reserve lists, judged while the primary does not answer: its
 * age against the RPO, and against the primary's Schedules as last known for missed runs.
 */
function judgeReserveRestorePoint(
  view: EntityView,
  seen: ReserveRestorePoint,
): CheckResult {
  const cluster = seen.reserve;
  const { rpo } = view.policy;
  const rpoText = formatDuration(rpo.ms);
  const ageMs = view.now.getTime() - seen.backup.startedAt.getTime();
  const point = `Backup ${describeReserveRestorePoint(
    seen,
  )}, the newest restore point, started ${formatDuration(
    Math.max(0, ageMs),
  )} ago`;
  const answer = (
    state: ClusterCheckResult['state'],
    message: string,
  ): CheckResult => ({
    id,
    state,
    message,
    clusters: [{ cluster, state, message }],
  });
  if (ageMs > rpo.ms) {
    return answer('fail', `${point}, older than the RPO of ${rpoText}`);
  }
  const primary = view.primary!;
  const gaps = coveringSchedules(
    primary.cluster.name,
    primary.veleroSchedules ?? [],
    view.namespaces,
    entityObjectsForBackups(view),
    view.now,
  )
    .map(runningGapMs)
    .filter((gap): gap is number => gap !== undefined);
  const intervalMs = gaps.length ? Math.min(...gaps) : undefined;
  if (intervalMs !== undefined && ageMs > 2 * intervalMs) {
    return answer(
      'warn',
      `${point}, within the RPO of ${rpoText} but more than twice the schedule interval of ${formatDuration(
        intervalMs,
      )} (${primary.cluster.name}'s Schedules as last known ${
        primary.status.collectedAt
      }): runs were missed`,
    );
  }
  return answer('pass', `${point}, within the RPO of ${rpoText}`);
}
