import { ClusterState } from '../cluster/ClusterState';
import { isStatusHeld, saveIfChanged } from '../controllers/saveIfChanged';
import { KubeObject, rfc3339 } from '../store/ObjectStore';
import { CronSchedule, parseVeleroSchedule } from './cronSchedule';

/** The label Velero puts on a Backup made by a Schedule. */
export const SCHEDULE_NAME_LABEL = 'velero.io/schedule-name';

/** `YYYYMMDDhhmmss` in UTC: the timestamp suffix of scheduled backup names. */
export function backupTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The Backup a Schedule makes at an instant, exactly as Velero builds it (and as `velero backup
 * create --from-schedule` does): `<schedule>-YYYYMMDDhhmmss`, the template's spec, the schedule's
 * and template's labels plus velero.io/schedule-name, the schedule's annotations.
 */
export function backupFromSchedule(schedule: KubeObject, at: Date): KubeObject {
  const { metadata: templateMetadata, ...spec } = schedule.spec?.template ?? {};
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name: `${schedule.metadata.name}-${backupTimestamp(at)}`,
      namespace: schedule.metadata.namespace,
      labels: {
        ...schedule.metadata.labels,
        ...templateMetadata?.labels,
        [SCHEDULE_NAME_LABEL]: schedule.metadata.name,
      },
      ...(schedule.metadata.annotations
        ? { annotations: { ...schedule.metadata.annotations } }
        : {}),
    },
    spec,
  };
}

function parse(schedule: KubeObject): { cron?: CronSchedule; error?: string } {
  try {
    return { cron: parseVeleroSchedule(String(schedule.spec?.schedule ?? '')) };
  } catch (e) {
    return { error: `invalid schedule: ${(e as Error).message}` };
  }
}

/**
 * One round of the schedule controller: validates each Schedule (Enabled or FailedValidation)
 * and, for enabled unpaused ones that are due, creates the Backup and records status.lastBackup.
 * A schedule without a last backup is due at once unless spec.skipImmediately is set.
 */
export function reconcileSchedules(cluster: ClusterState, now: Date): void {
  const info = cluster.kind('velero.io/schedules');
  const backups = cluster.kind('velero.io/backups');
  for (const schedule of cluster.store.list(info)) {
    if (isStatusHeld(schedule)) continue;
    const { cron, error } = parse(schedule);
    const { validationErrors, ...status } = schedule.status ?? {};
    const validated: KubeObject = error
      ? {
          ...schedule,
          status: {
            ...status,
            phase: 'FailedValidation',
            validationErrors: [error],
          },
        }
      : { ...schedule, status: { ...status, phase: 'Enabled' } };
    if (!cron || schedule.spec?.paused) {
      saveIfChanged(cluster, info, schedule, validated);
      continue;
    }
    const last = validated.status.lastBackup;
    const base =
      last ??
      (schedule.spec?.skipImmediately
        ? schedule.metadata.creationTimestamp
        : undefined);
    const due =
      base === undefined || cron(new Date(base)).getTime() <= now.getTime();
    if (due) {
      const backup = backupFromSchedule(schedule, now);
      if (
        !cluster.store.get(
          backups,
          backup.metadata.namespace,
          backup.metadata.name,
        )
      ) {
        cluster.store.add(backups, {
          ...backup,
          metadata: { ...backup.metadata, generation: 1 },
        });
      }
      validated.status = { ...validated.status, lastBackup: rfc3339(now) };
    }
    saveIfChanged(cluster, info, schedule, validated);
  }
}
