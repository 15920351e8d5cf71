import { Runbook } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import { VeleroSchedule } from '../kube/veleroTypes';
import {
  RunbookContext,
  actionItem,
  checkItem,
  progressOf,
} from './runbookItems';

/** The scratch namespace a drill restores a namespace into, on the reserve. */
export function drillNamespace(namespace: string): string {
  return `${namespace}-drill`;
}

// Velero's own rule for names it generates: `<name>-YYYYMMDDhhmmss` in UTC.
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

// The commands only need a schedule to name: the first unpaused one whose template names one
// of the entity's namespaces (or all of them). The backup checks judge coverage properly.
function scheduleFor(
  primary: ClusterSideView | undefined,
  namespaces: string[],
): VeleroSchedule | undefined {
  const covering = (primary?.veleroSchedules ?? []).filter(schedule => {
    const included = schedule.spec?.template?.includedNamespaces ?? [];
    return (
      included.length === 0 ||
      included.includes('*') ||
      namespaces.some(ns => included.includes(ns))
    );
  });
  return covering.find(s => !s.spec?.paused) ?? covering[0];
}

// The newest restore point of the entity the reserve lists, for a restore without a schedule.
function newestVisibleBackup(
  context: RunbookContext,
  reserve: string,
): string | undefined {
  return context.report.backups?.backups.find(
    b => b.phaseClass === 'restore-point' && b.visibleOn.includes(reserve),
  )?.name;
}

/** Restore drill: back up now, restore into a scratch namespace on the reserve, check, clean up. */
export function restoreDrillRunbook(context: RunbookContext): Runbook {
  const { view, now } = context;
  const primary = view.primary?.cluster.name;
  const reserve = view.reserves[0]?.cluster.name;
  const schedule = scheduleFor(view.primary, view.namespaces)?.metadata?.name;
  const namespaceList = view.namespaces.join(',');
  const mappings = view.namespaces
    .map(ns => `${ns}:${drillNamespace(ns)}`)
    .join(',');
  const restoreName = `${view.namespaces[0] ?? 'drill'}-drill-${stamp(now)}`;
  const backup = reserve ? newestVisibleBackup(context, reserve) : undefined;
  // Commands name real clusters, schedules and backups only; what is missing has none.
  const backUpNow =
    primary && view.namespaces.length > 0
      ? [
          schedule
            ? {
                label: `Back up from ${schedule} on ${primary}`,
                command: `velero --kubecontext ${primary} backup create --from-schedule ${schedule} --wait`,
              }
            : {
                label: `Back up ${namespaceList} on ${primary}`,
                command: `velero --kubecontext ${primary} backup create ${
                  view.namespaces[0]
                }-${stamp(now)} --include-namespaces ${namespaceList} --wait`,
              },
        ]
      : [];
  let from: { label: string; flag: string } | undefined;
  if (schedule) {
    from = {
      label: `the newest ${schedule} backup`,
      flag: `--from-schedule ${schedule}`,
    };
  } else if (backup) {
    from = { label: `backup ${backup}`, flag: `--from-backup ${backup}` };
  }
  const restore =
    reserve && from && view.namespaces.length > 0
      ? [
          {
            label: `Restore ${from.label} on ${reserve}`,
            command: `velero --kubecontext ${reserve} restore create ${restoreName} ${from.flag} --include-namespaces ${namespaceList} --namespace-mappings ${mappings} --wait`,
          },
          ...view.namespaces.map(ns => ({
            label: `Watch the restored pods in ${drillNamespace(ns)}`,
            command: `kubectl --context ${reserve} -n ${drillNamespace(
              ns,
            )} get pods -w`,
          })),
        ]
      : [];
  const items = [
    checkItem(context, {
      id: 'backup-fresh',
      title: 'A recent backup of the service exists',
      checkId: 'backup.fresh',
    }),
    actionItem(context, {
      id: 'backup-now',
      actionId: 'backup-now',
      action: 'backup-now',
      title: schedule ? `Back up now from schedule ${schedule}` : 'Back up now',
      description: schedule
        ? `Builds the Backup as velero backup create --from-schedule does: ${schedule}-${stamp(
            now,
          )} (UTC), the schedule's template, labels and annotations.`
        : 'No Velero Schedule on the primary names the service\u2019s namespaces; see backup.schedule.',
      commands: backUpNow,
    }),
    actionItem(context, {
      id: 'restore-drill',
      actionId: 'restore-drill',
      action: 'restore-drill',
      title: `Restore into ${
        view.namespaces.map(drillNamespace).join(', ') || 'a scratch namespace'
      } on ${reserve ?? 'the reserve'}`,
      description:
        'Restores the newest backup under another namespace (namespaceMapping), so the drill never touches the reserve\u2019s copy of the service. From the restore\u2019s start to pods Ready is the measured RTO.',
      commands: restore,
    }),
    checkItem(context, {
      id: 'restored-available',
      title: 'The restored workloads became available',
      description:
        'Read from the last drill Kube Reserve recorded on the reserve.',
      checkId: 'backup.restore-drill',
    }),
    actionItem(context, {
      id: 'cleanup-drill',
      actionId: 'cleanup-drill',
      action: 'restore-drill',
      title: 'Clean up the drill',
      description:
        'The restore-drill action deletes its scratch namespaces as its last steps, also when the drill fails.',
      commands: reserve
        ? view.namespaces.map(ns => ({
            label: `Delete ${drillNamespace(ns)} on ${reserve}`,
            command: `kubectl --context ${reserve} delete namespace ${drillNamespace(
              ns,
            )}`,
          }))
        : [],
    }),
  ];
  return {
    id: 'restore-drill',
    title: 'Restore drill',
    description: `Prove the backups of ${view.entityRef} restore on ${
      reserve ?? 'a reserve'
    }, and measure how long it takes.`,
    sections: [{ id: 'steps', title: 'Steps', items }],
    progress: progressOf(items),
  };
}
