import { PlainObject } from '../ClusterOperator';
import { scheduleNameLabel } from '../../kube/veleroTypes';
import { PlanDraft, PlanOutline } from './PlanDraft';
import { refOf, veleroStamp } from './objectState';

/** What a backup-now is planned from. */
export interface BackupNowInput {
  primary: string;
  /** The Schedule covering the entity, read live from the primary. */
  schedule: PlainObject;
  now: Date;
  waitTimeoutMs: number;
}

/**
 * The Backup `velero backup create --from-schedule <schedule>` creates: named
 * `<schedule>-YYYYMMDDhhmmss` (UTC), the Schedule's template as its spec, the Schedule's labels
 * plus `velero.io/schedule-name`, its annotations, and an owner reference when the Schedule
 * asks for one (`useOwnerReferencesInBackup`).
 */
export function backupFromSchedule(
  schedule: PlainObject,
  now: Date,
): PlainObject {
  const name = schedule.metadata?.name ?? '';
  const { annotations } = schedule.metadata ?? {};
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name: `${name}-${veleroStamp(now)}`,
      namespace: schedule.metadata?.namespace,
      labels: { ...schedule.metadata?.labels, [scheduleNameLabel]: name },
      ...(annotations && Object.keys(annotations).length > 0
        ? { annotations }
        : {}),
      ...(schedule.spec?.useOwnerReferencesInBackup === true
        ? {
            ownerReferences: [
              {
                apiVersion: 'velero.io/v1',
                kind: 'Schedule',
                name,
                uid: schedule.metadata?.uid ?? '',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: schedule.spec?.template ?? {},
  };
}

/** Back up now from the entity's Schedule on the primary, then follow the Backup to completion. Pure. */
export function planBackupNow(input: BackupNowInput): PlanOutline {
  const { primary, schedule } = input;
  const draft = new PlanDraft();
  draft.read(primary, 'Schedule', schedule);
  if (schedule.spec?.paused) {
    draft.warn(
      `Schedule ${schedule.metadata?.name} is paused: this backup runs anyway, the schedule stays paused.`,
    );
  }
  const backup = backupFromSchedule(schedule, input.now);
  const ref = refOf('Backup', backup);
  draft.read(primary, 'Backup', undefined, ref);
  draft.create(
    primary,
    backup,
    `Create Backup ${ref.name} on ${primary} from Schedule ${schedule.metadata?.name}`,
  );
  draft.wait(
    primary,
    { type: 'backup-completed' },
    input.waitTimeoutMs,
    `Wait until Backup ${ref.name} is Completed`,
    ref,
  );
  return draft.outline();
}
