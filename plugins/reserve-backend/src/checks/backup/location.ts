import {
  CheckResult,
  ClusterCheckResult,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import {
  EntityBackup,
  coveredWorkloadKinds,
  coveringBackups,
  coveringSchedules,
  entityWorkloadObjects,
} from '../../velero/entityBackups';
import {
  locationOf,
  sameSiteReason,
  sameStorage,
  staleSyncAfterMs,
  storagePath,
} from '../../velero/storageLocations';
import { VeleroBackupStorageLocation } from '../../kube/veleroTypes';
import { readSide } from '../../view/clusterData';
import { Finding, clusterResult, combineClusterResults } from '../outcome';
import { readPrimaryVelero, veleroAbsent } from './primaryVelero';

const id = 'backup.location';

function primaryFindings(
  locations: VeleroBackupStorageLocation[],
  side: ClusterSideView,
): Finding[] {
  return locations.flatMap((location): Finding[] => {
    const name = `BackupStorageLocation ${location.metadata?.name}`;
    const findings: Finding[] = [];
    if (location.status?.phase !== 'Available') {
      findings.push({
        state: 'fail',
        text: `${name} on ${side.cluster.name} is ${
          location.status?.phase ?? 'not validated'
        }${location.status?.message ? `: ${location.status.message}` : ''}`,
      });
    }
    const site = sameSiteReason(location, side.cluster);
    if (site === 'unknown') {
      findings.push({
        state: 'warn',
        text: `${name} names no region or site: cannot tell that its backups are off-site`,
      });
    } else if (site) {
      findings.push({ state: 'fail', text: site });
    }
    return findings;
  });
}

function reserveResult(
  reserve: ClusterSideView,
  primaryLocation: VeleroBackupStorageLocation,
  restorePoints: EntityBackup[],
  now: Date,
  formerPrimary?: string,
): ClusterCheckResult {
  const cluster = reserve.cluster.name;
  if (reserve.status.state === 'ok' && veleroAbsent(reserve)) {
    return {
      cluster,
      state: 'fail',
      message: `Velero is not installed on ${cluster}: it cannot restore`,
    };
  }
  const data = readSide(reserve, [
    'veleroBackupStorageLocations',
    'veleroBackups',
  ]);
  if ('unknown' in data) return data.unknown;
  const path = storagePath(primaryLocation);
  const location = data.lists.veleroBackupStorageLocations.find(l =>
    sameStorage(l, primaryLocation),
  );
  if (!location) {
    return {
      cluster,
      state: 'fail',
      message: `${cluster} has no BackupStorageLocation on ${path}`,
    };
  }
  const name = `BackupStorageLocation ${location.metadata?.name} on ${cluster}`;
  const findings: Finding[] = [];
  // The former primary writes its backups there when it serves: ReadWrite is its own setting.
  if (location.spec?.accessMode !== 'ReadOnly' && cluster !== formerPrimary) {
    findings.push({
      state: 'warn',
      text: `${name} is ReadWrite: the reserve may write to and expire the primary's backups; make it ReadOnly`,
    });
  }
  if (location.status?.phase !== 'Available') {
    findings.push({
      state: 'fail',
      text: `${name} is ${location.status?.phase ?? 'not validated'}`,
    });
  }
  const staleAfterMs = staleSyncAfterMs(location);
  const synced = Date.parse(location.status?.lastSyncedTime ?? '');
  if (Number.isNaN(synced)) {
    findings.push({ state: 'fail', text: `${name} was never synced` });
  } else if (now.getTime() - synced > staleAfterMs) {
    findings.push({
      state: 'warn',
      text: `${name} last synced ${formatDuration(now.getTime() - synced)} ago`,
    });
  }
  const visible = (backup: EntityBackup) =>
    data.lists.veleroBackups.some(b => b.metadata?.name === backup.name);
  const hadTimeToSync = (backup: EntityBackup) =>
    now.getTime() - (backup.completedAt?.getTime() ?? now.getTime()) >
    staleAfterMs;
  // A backup that just completed may not have synced yet; one that had time to and is still
  // missing means the reserve would restore older data than the primary holds.
  const [newest] = restorePoints;
  const newestSynced = restorePoints.find(hadTimeToSync);
  if (newestSynced && !visible(newestSynced)) {
    findings.push({
      state: 'fail',
      text: `backup ${
        newestSynced.name
      } is not visible on ${cluster} although it completed ${formatDuration(
        now.getTime() - newestSynced.completedAt!.getTime(),
      )} ago`,
    });
  } else if (newest && !visible(newest)) {
    findings.push({
      state: 'warn',
      text: `the newest backup ${newest.name} is not visible on ${cluster} yet`,
    });
  }
  return clusterResult(cluster, findings, {
    message: `${cluster} reads ${path} (${location.spec?.accessMode}) and sees the newest backup`,
  });
}

/**
 * backup.location: the location the entity's backups go to is Available and off the
 * primary's site; each reserve has a location on the same bucket and prefix (ReadOnly),
 * synced recently, that lists the newest backup. Mode none checks the primary's part only.
 */
export function checkBackupLocation(view: EntityView): CheckResult {
  const data = readPrimaryVelero(view, id, [
    'veleroBackupStorageLocations',
    'veleroBackups',
    'veleroSchedules',
    ...coveredWorkloadKinds,
  ]);
  if ('result' in data) return data.result;
  const { lists, side } = data;
  const cluster = side.cluster.name;
  const objects = entityWorkloadObjects(lists);
  const backups = coveringBackups(
    cluster,
    lists.veleroBackups,
    view.namespaces,
    objects,
  );
  const restorePoints = backups.filter(b => b.phaseClass === 'restore-point');
  const [newest] = restorePoints;
  const specs = [
    ...coveringSchedules(
      cluster,
      lists.veleroSchedules,
      view.namespaces,
      objects,
      view.now,
    )
      .filter(s => s.state === 'enabled')
      .map(s => s.schedule.spec?.template ?? {}),
    ...(newest ? [newest.backup.spec ?? {}] : []),
  ];
  const locations = [
    ...new Set(
      (specs.length ? specs : [{}])
        .map(spec => locationOf(spec, lists.veleroBackupStorageLocations))
        .filter((l): l is VeleroBackupStorageLocation => Boolean(l)),
    ),
  ];
  if (locations.length === 0) {
    return combineClusterResults(id, [
      {
        cluster,
        state: 'fail',
        message: `${cluster} has no BackupStorageLocation for the entity's backups`,
      },
    ]);
  }
  const results = [
    clusterResult(cluster, primaryFindings(locations, side), {
      message: `${locations
        .map(storagePath)
        .join(', ')} is Available and off ${cluster}'s site`,
    }),
  ];
  if (view.policy.mode !== 'none') {
    const used =
      (newest && locationOf(newest.backup.spec ?? {}, locations)) ??
      locations[0];
    results.push(
      ...view.reserves.map(reserve =>
        reserveResult(
          reserve,
          used,
          restorePoints,
          view.now,
          view.formerPrimary,
        ),
      ),
    );
  }
  return combineClusterResults(id, results);
}
