import {
  BackupVolumeMethod,
  CheckResult,
  ClusterCheckResult,
  ClusterFacts,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterObjectLists, EntityView } from '../../view/EntityView';
import { CoveredObject, exclusionReason } from '../../velero/coverage';
import {
  coveredWorkloadKinds,
  coveringBackups,
  coveringSchedules,
  entityWorkloadObjects,
  newestRestorePoint,
  volumeMethod,
} from '../../velero/entityBackups';
import { VeleroBackupSpec } from '../../kube/veleroTypes';
import { readSide } from '../../view/clusterData';
import { combineClusterResults, unknownResult } from '../outcome';
import { missingPrimaryMessage } from '../sides';
import { readPrimaryVelero } from './primaryVelero';

const id = 'backup.volumes';
const pvcResource = { resource: 'persistentvolumeclaims', group: '' };

function claims(
  lists: Pick<ClusterObjectLists, 'persistentVolumeClaims' | 'statefulSets'>,
): CoveredObject[] {
  return [
    ...lists.persistentVolumeClaims.map(pvc => ({
      ref: `PersistentVolumeClaim ${pvc.metadata?.namespace}/${pvc.metadata?.name}`,
      namespace: pvc.metadata?.namespace ?? 'default',
      groupResource: pvcResource,
      labels: pvc.metadata?.labels ?? {},
    })),
    ...lists.statefulSets.flatMap(sts =>
      (sts.spec?.volumeClaimTemplates ?? []).map(template => ({
        ref: `claim template ${template.metadata?.name} of StatefulSet ${sts.metadata?.namespace}/${sts.metadata?.name}`,
        namespace: sts.metadata?.namespace ?? 'default',
        groupResource: pvcResource,
        labels: {},
      })),
    ),
  ];
}

/** A backup spec that protects the entity's volumes: an enabled Schedule, or the last backup. */
interface VolumeSource {
  what: string;
  spec: VeleroBackupSpec;
}

const methodRank: Record<BackupVolumeMethod, number> = {
  'fs-backup': 0,
  'snapshot-move-data': 0,
  snapshots: 1,
  none: 2,
};

function crossesRegion(
  primary: ClusterFacts,
  reserve: ClusterFacts,
): boolean | undefined {
  if (
    !primary.provider ||
    !reserve.provider ||
    !primary.region ||
    !reserve.region
  ) {
    return undefined;
  }
  return (
    primary.provider !== reserve.provider || primary.region !== reserve.region
  );
}

function judge(
  method: BackupVolumeMethod,
  what: string,
  primary: ClusterFacts,
  target: ClusterFacts,
): ClusterCheckResult {
  const cluster = target.name;
  if (method === 'none') {
    return {
      cluster,
      state: 'fail',
      message: `${what} keeps no volume data (snapshotVolumes false, no file-system backup)`,
    };
  }
  if (method !== 'snapshots') {
    const how =
      method === 'fs-backup' ? 'file-system backup' : 'snapshot data movement';
    return {
      cluster,
      state: 'pass',
      message: `${what} copies volume data to object storage (${how}): ${cluster} can restore it`,
    };
  }
  if (target.name === primary.name) {
    return {
      cluster,
      state: 'pass',
      message: `${what} takes volume snapshots`,
    };
  }
  const crosses = crossesRegion(primary, target);
  if (crosses === undefined) {
    return {
      cluster,
      state: 'warn',
      message: `${what} keeps volumes as cloud snapshots; whether they reach ${cluster} is unknown: configure provider and region of both clusters`,
    };
  }
  return crosses
    ? {
        cluster,
        state: 'fail',
        message: `${what} keeps volumes as cloud snapshots, which do not reach ${cluster} in ${target.provider} ${target.region}: use file-system backup or snapshotMoveData`,
      }
    : {
        cluster,
        state: 'pass',
        message: `${what} takes volume snapshots in ${target.provider} ${target.region}, where ${cluster} runs too`,
      };
}

/**
 * backup.volumes: an entity with persistent volumes has their data in its backups; a reserve
 * in another region or provider can only restore file-system backups or moved snapshot data,
 * as cloud snapshots stay where they were taken.
 */
export function checkBackupVolumes(view: EntityView): CheckResult {
  // Whether the check applies is told by the entity's claims alone: an entity without volumes
  // has nothing to judge, whatever Velero lists are missing.
  if (!view.primary) return unknownResult(id, missingPrimaryMessage(view));
  const claimLists = readSide(view.primary, [
    'persistentVolumeClaims',
    'statefulSets',
  ]);
  if ('unknown' in claimLists) {
    return combineClusterResults(id, [claimLists.unknown]);
  }
  const volumes = claims(claimLists.lists);
  if (volumes.length === 0) {
    return {
      id,
      state: 'not-applicable',
      message: 'The entity has no persistent volumes',
      clusters: [],
    };
  }
  const data = readPrimaryVelero(view, id, [
    'veleroSchedules',
    'veleroBackups',
    ...coveredWorkloadKinds,
  ]);
  if ('result' in data) return data.result;
  const { lists, side } = data;
  const primary = side.cluster;
  const objects = entityWorkloadObjects(lists);
  const schedules = coveringSchedules(
    primary.name,
    lists.veleroSchedules,
    view.namespaces,
    objects,
    view.now,
  )
    .filter(s => s.state === 'enabled')
    .map(
      (s): VolumeSource => ({
        what: `Schedule ${s.name}`,
        spec: s.schedule.spec?.template ?? {},
      }),
    );
  const newest = newestRestorePoint(
    coveringBackups(
      primary.name,
      lists.veleroBackups,
      view.namespaces,
      objects,
    ),
  );
  const lastBackup: VolumeSource[] = newest
    ? [{ what: `backup ${newest.name}`, spec: newest.backup.spec ?? {} }]
    : [];
  const sources = schedules.length ? schedules : lastBackup;
  // Velero takes a pod's claims along with the pod whatever their labels, so only the
  // namespace and resource filters can leave a claim out.
  const complete = sources.filter(source =>
    volumes.every(v => !exclusionReason(source.spec, v, { byLabels: false })),
  );
  const targets =
    view.policy.mode === 'none' || view.reserves.length === 0
      ? [primary]
      : view.reserves.map(r => r.cluster);
  if (complete.length === 0) {
    const message = sources.length
      ? `${sources[0].what} leaves out ${volumes
          .filter(v => exclusionReason(sources[0].spec, v, { byLabels: false }))
          .map(v => v.ref)
          .join(', ')}`
      : `No enabled Schedule or Completed backup covers the entity's ${volumes.length} volumes`;
    return combineClusterResults(
      id,
      targets.map(t => ({ cluster: t.name, state: 'fail', message })),
    );
  }
  const best = [...complete].sort(
    (a, b) =>
      methodRank[volumeMethod(a.spec)] - methodRank[volumeMethod(b.spec)],
  )[0];
  return combineClusterResults(
    id,
    targets.map(target =>
      judge(volumeMethod(best.spec), best.what, primary, target),
    ),
  );
}
