import {
  BackupScheduleSummary,
  CheckResult,
  BackupSummary,
  EntityBackups,
  RestorePoint,
  RpoStatus,
} from '@kube-reserve/plugin-reserve-common';
import { veleroAbsent } from '../checks/backup/primaryVelero';
import { unavailableReason } from '../view/clusterData';
import { ClusterSideView, EntityView } from '../view/EntityView';
import {
  EntityBackup,
  EntitySchedule,
  coveringBackups,
  coveringSchedules,
  newestRestorePoint,
  runningGapMs,
} from '../velero/entityBackups';
import { CoveredObject } from '../velero/coverage';
import {
  entityObjectsForBackups,
  newestReserveRestorePoint,
  primaryNotAnswering,
} from '../velero/reserveRestorePoints';
import { entityDrills } from '../velero/restoreDrills';

/** How many backups the report lists. */
export const listedBackups = 20;

function restorePoint(
  backup: EntityBackup & { startedAt: Date },
): RestorePoint {
  return {
    cluster: backup.cluster,
    name: backup.name,
    startedAt: backup.startedAt.toISOString(),
    ...(backup.completedAt
      ? { completedAt: backup.completedAt.toISOString() }
      : {}),
  };
}

function scheduleSummary(
  schedule: EntitySchedule,
  backups: EntityBackup[],
): BackupScheduleSummary {
  const { status, spec } = schedule.schedule;
  const lastGood = newestRestorePoint(
    backups.filter(b => b.schedule === schedule.name),
  );
  const timing = schedule.timing;
  return {
    cluster: schedule.cluster,
    name: schedule.name,
    cron: spec?.schedule ?? '',
    state: schedule.state,
    ...(status?.phase ? { phase: status.phase } : {}),
    validationErrors: status?.validationErrors ?? [],
    ...('problem' in timing
      ? { cronProblem: timing.problem }
      : {
          largestGapMs: timing.largestGapMs,
          ...(schedule.state === 'enabled'
            ? { nextRunAt: timing.nextRunAt.toISOString() }
            : {}),
        }),
    ...(status?.lastBackup ? { lastSubmittedAt: status.lastBackup } : {}),
    ...(lastGood ? { lastGoodBackup: restorePoint(lastGood) } : {}),
    uncovered: schedule.coverage.uncovered,
    volumes: schedule.volumes,
  };
}

function backupSummary(
  backup: EntityBackup,
  reserves: ClusterSideView[],
): BackupSummary {
  const { status } = backup.backup;
  const listing = reserves.filter(r => r.veleroBackups !== undefined);
  const visible = (r: ClusterSideView) =>
    r.cluster.name === backup.cluster ||
    r.veleroBackups!.some(b => b.metadata?.name === backup.name);
  return {
    cluster: backup.cluster,
    name: backup.name,
    ...(backup.schedule ? { schedule: backup.schedule } : {}),
    phase: status?.phase ?? '',
    phaseClass: backup.phaseClass,
    ...(backup.startedAt ? { startedAt: backup.startedAt.toISOString() } : {}),
    ...(backup.completedAt
      ? { completedAt: backup.completedAt.toISOString() }
      : {}),
    ...(backup.startedAt && backup.completedAt
      ? {
          durationMs: backup.completedAt.getTime() - backup.startedAt.getTime(),
        }
      : {}),
    errors: status?.errors ?? 0,
    warnings: status?.warnings ?? 0,
    validationErrors: status?.validationErrors ?? [],
    ...(status?.failureReason ? { failureReason: status.failureReason } : {}),
    visibleOn: listing.filter(visible).map(r => r.cluster.name),
    missingOn: listing.filter(r => !visible(r)).map(r => r.cluster.name),
  };
}

function sideBackups(
  side: ClusterSideView,
  view: EntityView,
  objects: CoveredObject[],
): EntityBackup[] {
  return coveringBackups(
    side.cluster.name,
    side.veleroBackups ?? [],
    view.namespaces,
    objects,
  );
}

/**
 * The backups section of an entity's report: the primary's Schedules covering the entity, the
 * newest covering backups across the pair (a backup synced to a reserve is listed once, with
 * where it is visible), the RPO status (from the evaluated `backup.fresh` among `checks`) and
 * the drill history.
 */
export function buildEntityBackups(
  view: EntityView,
  checks: readonly CheckResult[],
): EntityBackups {
  const primary = view.primary;
  const sides = primary ? [primary, ...view.reserves] : view.reserves;
  const lastKnown = primaryNotAnswering(view)
    ? primary?.status.collectedAt
    : undefined;
  const problems = sides.flatMap(side => {
    if (side.status.state === 'ok' && veleroAbsent(side)) {
      return [`Velero is not installed on ${side.cluster.name}`];
    }
    const reason = unavailableReason(side, [
      'veleroSchedules',
      'veleroBackups',
      'veleroRestores',
    ]);
    if (reason && side === primary && lastKnown) {
      return [
        `${reason}; its Schedules and backups are shown as last known ${lastKnown}`,
      ];
    }
    return reason ? [reason] : [];
  });
  // The primary's workloads as last known when it does not answer: they decide what its
  // Schedules and backups cover.
  const objects = entityObjectsForBackups(view);
  const primaryBackups = primary ? sideBackups(primary, view, objects) : [];
  const schedules = primary
    ? coveringSchedules(
        primary.cluster.name,
        primary.veleroSchedules ?? [],
        view.namespaces,
        objects,
        view.now,
      )
    : [];

  const byName = new Map(primaryBackups.map(b => [b.name, b]));
  for (const reserve of view.reserves) {
    for (const backup of sideBackups(reserve, view, objects)) {
      if (!byName.has(backup.name)) byName.set(backup.name, backup);
    }
  }
  const backups = [...byName.values()]
    .sort((a, b) => b.sortTime - a.sortTime)
    .slice(0, listedBackups)
    .map(backup => backupSummary(backup, view.reserves));

  const fresh = checks.find(check => check.id === 'backup.fresh') ?? {
    state: 'unknown' as const,
    message: 'backup.fresh was not evaluated',
  };
  // Without its primary, the restore point that counts is one a reserve lists.
  const seen = primaryNotAnswering(view)
    ? newestReserveRestorePoint(view, objects)?.backup
    : undefined;
  const newest = seen ?? newestRestorePoint(primaryBackups);
  const gaps = schedules
    .map(runningGapMs)
    .filter((g): g is number => g !== undefined);
  const rpo: RpoStatus = {
    state: fresh.state === 'waived' ? 'pass' : fresh.state,
    message: fresh.message,
    target: view.policy.rpo,
    ...(newest
      ? {
          recoveryPoint: restorePoint(newest),
          ageMs: view.now.getTime() - newest.startedAt.getTime(),
        }
      : {}),
    ...(gaps.length ? { scheduleIntervalMs: Math.min(...gaps) } : {}),
  };
  return {
    schedules: schedules.map(s => scheduleSummary(s, primaryBackups)),
    backups,
    rpo,
    drills: entityDrills(view),
    problems,
  };
}
