import { PolicyDuration } from './policy';
import { CheckState } from './report';

/**
 * What a Velero Backup's phase means for recovery: only `restore-point` (phase `Completed`)
 * can be restored from; `in-progress` covers every phase before that, including
 * `WaitingForPluginOperations*` and `Finalizing*`, whose data is not complete yet.
 */
export type BackupPhaseClass =
  | 'restore-point'
  | 'in-progress'
  | 'partially-failed'
  | 'failed'
  | 'deleting'
  | 'unknown';

/** How a Schedule stands: `enabled` runs; the others take no backups. */
export type BackupScheduleState =
  | 'enabled'
  | 'paused'
  | 'failed-validation'
  | 'not-validated';

/** How a backup keeps volume data: only the first two reach a reserve in another region. */
export type BackupVolumeMethod =
  | 'fs-backup'
  | 'snapshot-move-data'
  | 'snapshots'
  | 'none';

/** A Completed backup named by when its data was read. */
export interface RestorePoint {
  cluster: string;
  name: string;
  /** The backup's startTimestamp: data written after it is not in the backup. */
  startedAt: string;
  completedAt?: string;
}

/** A Velero Schedule whose template covers the entity. */
export interface BackupScheduleSummary {
  cluster: string;
  name: string;
  /** The cron expression as written, e.g. `0 *\/6 * * *` or `@every 1h`. */
  cron: string;
  state: BackupScheduleState;
  /** Velero's `status.phase` as read (`New`, `Enabled`, `FailedValidation`), if any. */
  phase?: string;
  validationErrors: string[];
  /** Why the cron expression could not be read, when it could not. */
  cronProblem?: string;
  /** The next run after the report's time (ISO 8601), when the schedule is enabled. */
  nextRunAt?: string;
  /** The largest gap between two consecutive runs: the worst-case data loss it allows. */
  largestGapMs?: number;
  /** `status.lastBackup`: when the last backup was submitted, not when it completed. */
  lastSubmittedAt?: string;
  /** The newest Completed backup this schedule made. */
  lastGoodBackup?: RestorePoint;
  /** Workloads of the entity the template leaves out (empty: it covers all of them). */
  uncovered: string[];
  volumes: BackupVolumeMethod;
}

/** One Velero Backup covering the entity, as seen on the cluster that lists it. */
export interface BackupSummary {
  cluster: string;
  name: string;
  /** The Schedule that made it (label `velero.io/schedule-name`), if any. */
  schedule?: string;
  /** Velero's phase as read; empty when the backup has none yet. */
  phase: string;
  phaseClass: BackupPhaseClass;
  startedAt?: string;
  completedAt?: string;
  durationMs?: number;
  errors: number;
  warnings: number;
  validationErrors: string[];
  failureReason?: string;
  /** Reserves whose Velero lists this backup, i.e. can restore it. */
  visibleOn: string[];
  /** Reserves whose Velero does not list it (yet). */
  missingOn: string[];
}

/** The data a failover would lose now, against the entity's RPO and its schedules. */
export interface RpoStatus {
  state: Exclude<CheckState, 'waived'>;
  message: string;
  target: PolicyDuration;
  /** The newest restore point covering the entity. */
  recoveryPoint?: RestorePoint;
  /** Milliseconds from the recovery point to the report's time. */
  ageMs?: number;
  /** The shortest largest-gap of the enabled covering schedules: how old a backup may normally get. */
  scheduleIntervalMs?: number;
}

/** One restore of the entity's backup on a reserve: a restore drill or a real recovery. */
export interface DrillRecord {
  entityRef: string;
  /** The reserve cluster the restore ran on. */
  cluster: string;
  restoreName: string;
  backupName: string;
  /** Source namespace to the namespace it was restored into (scratch namespaces in drills). */
  namespaceMapping: Record<string, string>;
  /** The restore's phase, e.g. `Completed` or `PartiallyFailed`. */
  phase: string;
  startedAt?: string;
  completedAt?: string;
  /** From the restore's start to its completion: the measured restore time. */
  durationMs?: number;
  /** When Kube Reserve stored the record; absent for a restore seen live but not stored yet. */
  recordedAt?: string;
}

/** The backups section of an entity's report. */
export interface EntityBackups {
  /** The Velero namespace's Schedules (on the primary) whose templates cover the entity. */
  schedules: BackupScheduleSummary[];
  /** The newest backups covering the entity, across the pair's clusters, newest first (at most 20). */
  backups: BackupSummary[];
  rpo: RpoStatus;
  /** Restores of the entity's backups on reserves, newest first. */
  drills: DrillRecord[];
  /** Why Velero data is missing or partial, e.g. `Velero is not installed on prod-fra`. */
  problems: string[];
}
