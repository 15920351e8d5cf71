import { InputError } from '@backstage/errors';
import { ReserveActionId } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../view/EntityView';
import { CoveredObject } from '../velero/coverage';
import {
  EntityBackup,
  EntitySchedule,
  coveredWorkloadKinds,
  coveringBackups,
  coveringSchedules,
  entityWorkloadObjects,
} from '../velero/entityBackups';
import { OperatorTokens } from './OperatorConnections';

/** Whether an action can be planned for an entity now, and why not. */
export interface ActionAvailability {
  available: boolean;
  reason?: string;
}

/** The reserve an action targets: the one asked for, else the pair's first. */
export function chooseReserve(
  view: EntityView,
  requested?: string,
): ClusterSideView | undefined {
  if (requested === undefined) return view.reserves[0];
  const side = view.reserves.find(r => r.cluster.name === requested);
  if (!side) {
    throw new InputError(
      `reserve: ${requested} is not a reserve of ${
        view.entityRef
      } (its reserves: ${
        view.reserves.map(r => r.cluster.name).join(', ') || 'none'
      })`,
    );
  }
  return side;
}

function coveredObjects(view: EntityView): CoveredObject[] {
  const primary = view.primary;
  if (!primary || coveredWorkloadKinds.some(kind => !primary[kind])) return [];
  return entityWorkloadObjects(primary as Required<ClusterSideView>);
}

/** The primary's Schedule to back the entity up from: an enabled covering one first. */
export function scheduleToBackUpFrom(
  view: EntityView,
): EntitySchedule | undefined {
  const primary = view.primary;
  if (!primary) return undefined;
  const schedules = coveringSchedules(
    primary.cluster.name,
    primary.veleroSchedules ?? [],
    view.namespaces,
    coveredObjects(view),
    view.now,
  );
  return schedules.find(s => s.state === 'enabled') ?? schedules[0];
}

/** The entity's restore points visible on a reserve, newest first. */
export function restorePointsOn(
  view: EntityView,
  reserve: ClusterSideView,
): EntityBackup[] {
  return coveringBackups(
    reserve.cluster.name,
    reserve.veleroBackups ?? [],
    view.namespaces,
    coveredObjects(view),
  ).filter(b => b.phaseClass === 'restore-point');
}

/**
 * Whether an action can be planned for the entity, judged from the snapshots (no cluster
 * call): the pair, the mode, the operator tokens, for Velero actions a Schedule or a backup
 * to work from, and for a failback a primary that answers (a failover needs none). Planning
 * reads the clusters live and may still refuse.
 */
export function actionAvailability(
  view: EntityView,
  action: ReserveActionId,
  tokens: OperatorTokens,
  requestedReserve?: string,
): ActionAvailability {
  const no = (reason: string) => ({ available: false, reason });
  const primary = view.primary;
  let reserve: ClusterSideView | undefined;
  try {
    reserve = chooseReserve(view, requestedReserve);
  } catch (error) {
    return no((error as Error).message);
  }
  const needToken = (cluster: string) =>
    tokens.has(cluster)
      ? undefined
      : `${tokens.keyOf(
          cluster,
        )} is not configured: Kube Reserve cannot act on ${cluster}`;

  if (action === 'backup-now') {
    if (!primary) return no('The entity has no configured primary cluster');
    const missing = needToken(primary.cluster.name);
    if (missing) return no(missing);
    if (!scheduleToBackUpFrom(view)) {
      return no(
        `No Velero Schedule on ${primary.cluster.name} covers the entity (see backup.schedule)`,
      );
    }
    return { available: true };
  }
  if (view.policy.mode === 'none') {
    return no('kube-reserve.io/mode is none: the entity has no reserve');
  }
  if (!reserve) return no('The entity has no configured reserve cluster');
  const reserveName = reserve.cluster.name;
  if (action === 'restore-drill') {
    const missing = needToken(reserveName);
    if (missing) return no(missing);
    if (view.namespaces.length === 0) {
      return no(`The entity's namespaces are not known on any cluster yet`);
    }
    if (restorePointsOn(view, reserve).length === 0) {
      return no(
        `No Completed backup of the entity is visible on ${reserveName} (see backup.location)`,
      );
    }
    return { available: true };
  }
  if (!primary) return no('The entity has no configured primary cluster');
  const missing = needToken(reserveName) ?? needToken(primary.cluster.name);
  if (missing) return no(missing);
  const { state, message } = primary.status;
  if (
    action === 'failback' &&
    (state === 'unreachable' || state === 'unauthorized')
  ) {
    // A failback moves the service back onto the primary: it must serve first.
    return no(
      `${primary.cluster.name} does not answer (${
        message ?? state
      }): fail back once it serves again`,
    );
  }
  return { available: true };
}
