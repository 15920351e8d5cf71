import {
  CheckResult,
  ClusterCheckResult,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
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
import { CoveredObject } from '../../velero/coverage';
import { VeleroSchedule } from '../../kube/veleroTypes';
import { readSide } from '../../view/clusterData';
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
  const objects = entityWorkloadObjects(data.lists);
  const backups = coveringBackups(
    cluster,
    data.lists.veleroBackups,
    view.namespaces,
    objects,
  );
  const newest = newestRestorePoint(backups);
  if (!newest) {
    const running = backups.filter(b => b.phaseClass === 'in-progress').length;
    return clusterAnswer(
      cluster,
      'fail',
      `No Completed backup on ${cluster} covers the entity${
        running ? ` (${running} still in progress)` : ''
      }: there is no restore point`,
    );
  }
  const schedules = readSide(side, ['veleroSchedules']);
  return judgeRestorePoint(view, {
    cluster,
    name: newest.name,
    startedAt: newest.startedAt,
    interval: () =>
      'unknown' in schedules
        ? { unknown: schedules.unknown.message }
        : {
            ms: shortestInterval(
              cluster,
              schedules.lists.veleroSchedules,
              view,
              objects,
            ),
          },
  });
}

/**
 * The newest restore point a reserve lists, judged while the primary does not answer: its
 * age against the RPO, and against the primary's Schedules as last known for missed runs.
 */
function judgeReserveRestorePoint(
  view: EntityView,
  seen: ReserveRestorePoint,
): CheckResult {
  const primary = view.primary!;
  return judgeRestorePoint(view, {
    cluster: seen.reserve,
    name: describeReserveRestorePoint(seen),
    startedAt: seen.backup.startedAt,
    interval: () => ({
      ms: shortestInterval(
        primary.cluster.name,
        primary.veleroSchedules ?? [],
        view,
        entityObjectsForBackups(view),
      ),
      source: ` (${primary.cluster.name}'s Schedules as last known ${primary.status.collectedAt})`,
    }),
  });
}

/** The check's result, told by the one cluster that decided it. */
function clusterAnswer(
  cluster: string,
  state: ClusterCheckResult['state'],
  message: string,
): CheckResult {
  return { id, state, message, clusters: [{ cluster, state, message }] };
}

/** The shortest interval between runs of the Schedules covering the entity, if any. */
function shortestInterval(
  cluster: string,
  schedules: VeleroSchedule[],
  view: EntityView,
  objects: CoveredObject[],
): number | undefined {
  const gaps = coveringSchedules(
    cluster,
    schedules,
    view.namespaces,
    objects,
    view.now,
  )
    .map(runningGapMs)
    .filter((gap): gap is number => gap !== undefined);
  return gaps.length ? Math.min(...gaps) : undefined;
}

/**
 * The newest restore point against the RPO; within it, against twice the interval of the
 * Schedules that cover the entity (read only then: a point past the RPO fails without them).
 */
function judgeRestorePoint(
  view: EntityView,
  point: {
    cluster: string;
    name: string;
    startedAt: Date;
    interval: () => { ms?: number; source?: string } | { unknown: string };
  },
): CheckResult {
  const { cluster } = point;
  const rpoText = formatDuration(view.policy.rpo.ms);
  const ageMs = view.now.getTime() - point.startedAt.getTime();
  const what = `Backup ${
    point.name
  }, the newest restore point, started ${formatDuration(
    Math.max(0, ageMs),
  )} ago`;
  const answer = (state: ClusterCheckResult['state'], message: string) =>
    clusterAnswer(cluster, state, message);
  if (ageMs > view.policy.rpo.ms) {
    return answer('fail', `${what}, older than the RPO of ${rpoText}`);
  }
  const interval = point.interval();
  if ('unknown' in interval) {
    return answer(
      'unknown',
      `${what}, within the RPO of ${rpoText}; whether runs were missed is unknown: ${interval.unknown}`,
    );
  }
  if (interval.ms !== undefined && ageMs > 2 * interval.ms) {
    return answer(
      'warn',
      `${what}, within the RPO of ${rpoText} but more than twice the schedule interval of ${formatDuration(
        interval.ms,
      )}${interval.source ?? ''}: runs were missed`,
    );
  }
  return answer('pass', `${what}, within the RPO of ${rpoText}`);
}
