import {
  BackupPhaseClass,
  BackupScheduleState,
  BackupSummary,
  CheckState,
  RpoStatus,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { Theme } from '@material-ui/core/styles';

/** How each backup phase class reads on screen. */
export const phaseClassLabels: Readonly<Record<BackupPhaseClass, string>> = {
  'restore-point': 'Restore point',
  'in-progress': 'In progress',
  'partially-failed': 'Partially failed',
  failed: 'Failed',
  deleting: 'Deleting',
  unknown: 'Unknown',
};

/** Phase classes in the order of the timeline's legend, worst last. */
export const phaseClassesInLegendOrder: readonly BackupPhaseClass[] = [
  'restore-point',
  'in-progress',
  'deleting',
  'unknown',
  'partially-failed',
  'failed',
];

/** The theme colour of a phase class; only a restore point is green. */
export function phaseClassColour(
  theme: Theme,
  phase: BackupPhaseClass,
): string {
  const { status } = theme.palette;
  switch (phase) {
    case 'restore-point':
      return status.ok;
    case 'in-progress':
      return status.running;
    case 'partially-failed':
      return status.warning;
    case 'failed':
      return status.error;
    default:
      return status.aborted;
  }
}

/** Whether a backup failed outright or in part: the timeline marks these. */
export function isFailedBackup(backup: BackupSummary): boolean {
  return (
    backup.phaseClass === 'failed' || backup.phaseClass === 'partially-failed'
  );
}

/** Everything about one backup in a sentence, for its mark's title and accessible name. */
export function describeBackup(backup: BackupSummary): string {
  const parts = [
    `${backup.name} on ${backup.cluster}`,
    `${backup.phase || 'no phase yet'} (${
      phaseClassLabels[backup.phaseClass]
    })`,
  ];
  if (backup.startedAt) {
    parts.push(
      `started ${backup.startedAt.replace('T', ' ').slice(0, 16)} UTC`,
    );
  }
  if (backup.durationMs !== undefined) {
    parts.push(`took ${formatDuration(backup.durationMs)}`);
  }
  parts.push(`${backup.errors} errors, ${backup.warnings} warnings`);
  if (backup.failureReason) {
    parts.push(backup.failureReason);
  }
  if (backup.visibleOn.length > 0) {
    parts.push(`visible on ${backup.visibleOn.join(', ')}`);
  }
  if (backup.missingOn.length > 0) {
    parts.push(`not visible on ${backup.missingOn.join(', ')}`);
  }
  return parts.join('; ');
}

/** Counts of backups per phase class, e.g. `3 restore points, 1 failed`. */
export function describeBackupCounts(
  backups: readonly BackupSummary[],
): string {
  return phaseClassesInLegendOrder
    .map(
      phase =>
        [phase, backups.filter(b => b.phaseClass === phase).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([phase, count]) =>
      phase === 'restore-point'
        ? `${count} restore point${count === 1 ? '' : 's'}`
        : `${count} ${phaseClassLabels[phase].toLowerCase()}`,
    )
    .join(', ');
}

/** A backup placed on the timeline: x of its start and its end, between 0 and 1. */
export interface TimelineMark {
  backup: BackupSummary;
  lane: number;
  start: number;
  end: number;
}

/** The timeline of backups that have started: one lane per cluster, time from oldest start to now. */
export interface BackupTimelineLayout {
  lanes: string[];
  marks: TimelineMark[];
  from: number;
  to: number;
  /** Backups without a start time, which the timeline cannot place. */
  unplaced: BackupSummary[];
}

/** Places backups on a timeline ending at `now`. */
export function layOutBackupTimeline(
  backups: readonly BackupSummary[],
  now: Date = new Date(),
): BackupTimelineLayout {
  const placed = backups.filter(b => b.startedAt);
  const starts = placed.map(b => new Date(b.startedAt!).getTime());
  const ends = placed.map(b =>
    b.completedAt ? new Date(b.completedAt).getTime() : now.getTime(),
  );
  const from = starts.length > 0 ? Math.min(...starts) : now.getTime();
  const to = Math.max(now.getTime(), ...ends);
  const span = Math.max(to - from, 1);
  const lanes = [...new Set(placed.map(b => b.cluster))].sort();
  return {
    lanes,
    marks: placed.map((backup, i) => ({
      backup,
      lane: lanes.indexOf(backup.cluster),
      start: (starts[i] - from) / span,
      end: (ends[i] - from) / span,
    })),
    from,
    to,
    unplaced: backups.filter(b => !b.startedAt),
  };
}

/** How a schedule's state reads on screen, and the check state that colours it. */
export const scheduleStates: Readonly<
  Record<BackupScheduleState, { label: string; state: CheckState }>
> = {
  enabled: { label: 'Enabled', state: 'pass' },
  paused: { label: 'Paused', state: 'fail' },
  'failed-validation': { label: 'Failed validation', state: 'fail' },
  'not-validated': { label: 'Not validated yet', state: 'unknown' },
};

/** Positions (0 to 1) of the RPO gauge: the recovery point's age, the target, the interval. */
export interface RpoGaugeScale {
  age?: number;
  target: number;
  interval?: number;
  /** The duration the full width of the gauge stands for. */
  maxMs: number;
}

/** Scales the gauge so that the age, the target and the schedule interval all fit. */
export function scaleRpoGauge(rpo: RpoStatus): RpoGaugeScale {
  const maxMs =
    Math.max(rpo.ageMs ?? 0, rpo.target.ms, rpo.scheduleIntervalMs ?? 0) * 1.2;
  return {
    age: rpo.ageMs === undefined ? undefined : Math.min(rpo.ageMs / maxMs, 1),
    target: rpo.target.ms / maxMs,
    interval:
      rpo.scheduleIntervalMs === undefined
        ? undefined
        : rpo.scheduleIntervalMs / maxMs,
    maxMs,
  };
}
