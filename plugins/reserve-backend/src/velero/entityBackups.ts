import {
  BackupPhaseClass,
  BackupScheduleState,
  BackupVolumeMethod,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterObjectLists } from '../view/EntityView';
import { classifyBackupPhase } from './backupPhases';
import { BackupCoverage, CoveredObject, backupCovers } from './coverage';
import { ScheduleTiming, scheduleTiming } from './cronSchedule';
import { GroupResource } from './groupResources';
import {
  VeleroBackup,
  VeleroBackupSpec,
  VeleroSchedule,
  scheduleNameLabel,
} from '../kube/veleroTypes';

/** A Backup of one cluster that covers the entity, with what Kube Reserve makes of it. */
export interface EntityBackup {
  cluster: string;
  name: string;
  backup: VeleroBackup;
  phaseClass: BackupPhaseClass;
  /** startTimestamp, else creation: the order backups are listed in. */
  sortTime: number;
  startedAt?: Date;
  completedAt?: Date;
  schedule?: string;
  coverage: BackupCoverage;
}

/** A Schedule of one cluster whose template covers the entity. */
export interface EntitySchedule {
  cluster: string;
  name: string;
  schedule: VeleroSchedule;
  state: BackupScheduleState;
  timing: ScheduleTiming;
  coverage: BackupCoverage;
  volumes: BackupVolumeMethod;
}

/** The workload lists whose objects a backup must contain for the entity. */
export const coveredWorkloadKinds = [
  'deployments',
  'statefulSets',
  'daemonSets',
  'cronJobs',
] as const;

const workloadResources: Record<
  (typeof coveredWorkloadKinds)[number],
  { kind: string; groupResource: GroupResource }
> = {
  deployments: {
    kind: 'Deployment',
    groupResource: { resource: 'deployments', group: 'apps' },
  },
  statefulSets: {
    kind: 'StatefulSet',
    groupResource: { resource: 'statefulsets', group: 'apps' },
  },
  daemonSets: {
    kind: 'DaemonSet',
    groupResource: { resource: 'daemonsets', group: 'apps' },
  },
  cronJobs: {
    kind: 'CronJob',
    groupResource: { resource: 'cronjobs', group: 'batch' },
  },
};

/** The entity's workloads as a backup must contain them: namespace, resource and labels. */
export function entityWorkloadObjects(
  lists: Pick<ClusterObjectLists, (typeof coveredWorkloadKinds)[number]>,
): CoveredObject[] {
  return coveredWorkloadKinds.flatMap(list =>
    lists[list].map(object => {
      const namespace = object.metadata?.namespace ?? 'default';
      const { kind, groupResource } = workloadResources[list];
      return {
        ref: `${kind} ${namespace}/${object.metadata?.name}`,
        namespace,
        groupResource,
        labels: object.metadata?.labels ?? {},
      };
    }),
  );
}

/** An API timestamp as a Date: client-node gives metadata times as Dates, status times as text. */
export function readTime(value: string | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
const time = readTime;

/** The backups of a cluster that cover the entity, newest first. */
export function coveringBackups(
  cluster: string,
  backups: readonly VeleroBackup[],
  namespaces: readonly string[],
  objects: readonly CoveredObject[],
): EntityBackup[] {
  return backups
    .map((backup): EntityBackup => {
      const startedAt = time(backup.status?.startTimestamp);
      return {
        cluster,
        name: backup.metadata?.name ?? '',
        backup,
        phaseClass: classifyBackupPhase(backup.status?.phase),
        sortTime:
          (startedAt ?? time(backup.metadata?.creationTimestamp))?.getTime() ??
          0,
        startedAt,
        completedAt: time(backup.status?.completionTimestamp),
        schedule: backup.metadata?.labels?.[scheduleNameLabel],
        coverage: backupCovers(backup.spec ?? {}, namespaces, objects),
      };
    })
    .filter(b => b.coverage.covers)
    .sort((a, b) => b.sortTime - a.sortTime);
}

/** The newest restore point among backups listed newest first. */
export function newestRestorePoint(
  backups: readonly EntityBackup[],
): (EntityBackup & { startedAt: Date }) | undefined {
  return backups.find(
    (b): b is EntityBackup & { startedAt: Date } =>
      b.phaseClass === 'restore-point' && b.startedAt !== undefined,
  );
}

/** How a Schedule stands; Velero has no Paused phase, so `spec.paused` is read separately. */
export function scheduleState(schedule: VeleroSchedule): BackupScheduleState {
  const phase = schedule.status?.phase;
  if (phase === 'FailedValidation') return 'failed-validation';
  if (phase !== 'Enabled') return 'not-validated';
  return schedule.spec?.paused ? 'paused' : 'enabled';
}

/**
 * How a backup spec keeps volume data. File-system backup wins over snapshots for the volumes
 * it takes; snapshotVolumes false turns off snapshots and with them snapshot data movement.
 */
export function volumeMethod(spec: VeleroBackupSpec): BackupVolumeMethod {
  if (spec.defaultVolumesToFsBackup === true) return 'fs-backup';
  if (spec.snapshotVolumes === false) return 'none';
  return spec.snapshotMoveData === true ? 'snapshot-move-data' : 'snapshots';
}

/** The Schedules of a cluster whose templates cover the entity, by name. */
export function coveringSchedules(
  cluster: string,
  schedules: readonly VeleroSchedule[],
  namespaces: readonly string[],
  objects: readonly CoveredObject[],
  now: Date,
): EntitySchedule[] {
  // Coverage first: a cluster holds many Schedules, and only the covering ones need their
  // cron expression walked.
  return schedules
    .map(schedule => ({
      schedule,
      coverage: backupCovers(
        schedule.spec?.template ?? {},
        namespaces,
        objects,
      ),
    }))
    .filter(({ coverage }) => coverage.covers)
    .map(({ schedule, coverage }): EntitySchedule => {
      const anchor =
        time(schedule.status?.lastBackup) ??
        time(schedule.metadata?.creationTimestamp);
      return {
        cluster,
        name: schedule.metadata?.name ?? '',
        schedule,
        state: scheduleState(schedule),
        timing: scheduleTiming(schedule.spec?.schedule ?? '', now, anchor),
        coverage,
        volumes: volumeMethod(schedule.spec?.template ?? {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The largest gap between runs of an enabled schedule with a readable cron, if it has one. */
export function runningGapMs(schedule: EntitySchedule): number | undefined {
  return schedule.state === 'enabled' && 'largestGapMs' in schedule.timing
    ? schedule.timing.largestGapMs
    : undefined;
}
