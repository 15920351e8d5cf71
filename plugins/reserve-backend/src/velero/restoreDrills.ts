import { DrillRecord } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../view/EntityView';
import { namespaceIncluded } from './coverage';
import { readTime } from './entityBackups';
import { includedBy } from './includesExcludes';
import { VeleroBackup, VeleroRestore } from '../kube/veleroTypes';

/** Restore phases a drill is recorded with: the restore ran and finished, well or not. */
const drillPhases = new Set(['Completed', 'PartiallyFailed', 'Failed']);

/**
 * Which of the given namespaces a Restore brings back: those both its backup (when still
 * listed) and the Restore's own namespace filter take. Without the backup, only a Restore
 * that names namespaces, or maps them, says which it restored.
 */
export function restoredNamespaces(
  restore: VeleroRestore,
  backup: VeleroBackup | undefined,
  candidates: readonly string[],
): string[] {
  const {
    includedNamespaces,
    excludedNamespaces,
    namespaceMapping = {},
  } = restore.spec ?? {};
  const includesAll =
    !includedNamespaces?.length || includedNamespaces.includes('*');
  return candidates.filter(namespace => {
    if (!includedBy(namespace, includedNamespaces, excludedNamespaces))
      return false;
    if (backup) return namespaceIncluded(backup.spec ?? {}, namespace);
    return !includesAll || namespace in namespaceMapping;
  });
}

/**
 * Label on the Restore of a drill Kube Reserve runs itself (its value: the plan). The
 * restore-drill action records such drills with their measured RTO (restore start to
 * workloads available), so the recorder must not overwrite them with the Restore's own times.
 */
export const drillPlanLabel = 'kube-reserve.io/plan';

/** Whether a Restore has finished in a phase worth recording as a drill (by the recorder). */
export function isRecordableRestore(restore: VeleroRestore): boolean {
  return (
    drillPhases.has(restore.status?.phase ?? '') &&
    !restore.metadata?.labels?.[drillPlanLabel]
  );
}

/** The drill record of a finished Restore of the entity's backup on a reserve. */
export function drillFromRestore(
  entityRef: string,
  cluster: string,
  restore: VeleroRestore,
): DrillRecord {
  const startedAt = readTime(restore.status?.startTimestamp);
  const completedAt = readTime(restore.status?.completionTimestamp);
  return {
    entityRef,
    cluster,
    restoreName: restore.metadata?.name ?? '',
    backupName: restore.spec?.backupName ?? '',
    namespaceMapping: restore.spec?.namespaceMapping ?? {},
    phase: restore.status?.phase ?? '',
    ...(startedAt ? { startedAt: startedAt.toISOString() } : {}),
    ...(completedAt ? { completedAt: completedAt.toISOString() } : {}),
    ...(startedAt && completedAt
      ? { durationMs: completedAt.getTime() - startedAt.getTime() }
      : {}),
  };
}

/** When a drill happened, for ordering: its completion, else its start. */
export function drillTime(drill: DrillRecord): number {
  return Date.parse(drill.completedAt ?? drill.startedAt ?? '') || 0;
}

/**
 * The entity's drills: those recorded in the store, plus finished restores the reserves list
 * now that the recorder has not stored yet. Newest first.
 */
export function entityDrills(view: EntityView): DrillRecord[] {
  const seen = new Set(view.drills.map(d => `${d.cluster}/${d.restoreName}`));
  const live = view.reserves.flatMap(reserve => {
    const cluster = reserve.cluster.name;
    const backups = [
      ...(reserve.veleroBackups ?? []),
      ...(view.primary?.veleroBackups ?? []),
    ];
    return (reserve.veleroRestores ?? [])
      .filter(isRecordableRestore)
      .filter(restore => !seen.has(`${cluster}/${restore.metadata?.name}`))
      .filter(restore => {
        const backup = backups.find(
          b => b.metadata?.name === restore.spec?.backupName,
        );
        return restoredNamespaces(restore, backup, view.namespaces).length > 0;
      })
      .map(restore => drillFromRestore(view.entityRef, cluster, restore));
  });
  return [...view.drills, ...live].sort((a, b) => drillTime(b) - drillTime(a));
}
