import {
  CheckResult,
  ClusterCheckResult,
  DrillRecord,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { drillTime, entityDrills } from '../../velero/restoreDrills';
import { notApplicable } from '../outcome';
import { veleroAbsent } from './primaryVelero';
import { unavailableReason } from '../../view/clusterData';

const id = 'backup.restore-drill';
// A reserve where one drill passed outweighs another that never had one: the rule asks for
// a drill on *a* reserve.
const bestFirst: ClusterCheckResult['state'][] = [
  'pass',
  'warn',
  'unknown',
  'fail',
];

function reserveResult(
  reserve: ClusterSideView,
  drills: DrillRecord[],
  view: EntityView,
): ClusterCheckResult {
  const cluster = reserve.cluster.name;
  // Without Velero the reserve cannot restore today, whatever its history says: a fact, not
  // missing data.
  if (reserve.status.state === 'ok' && veleroAbsent(reserve)) {
    return {
      cluster,
      state: 'fail',
      message: `Velero is not installed on ${cluster}: it cannot restore the entity's backups`,
    };
  }
  const { drillInterval } = view.policy;
  const interval = formatDuration(drillInterval.ms);
  const here = drills.filter(d => d.cluster === cluster);
  const completed = here.find(d => d.phase === 'Completed');
  if (!completed) {
    const unreadable = unavailableReason(reserve, ['veleroRestores']);
    if (unreadable && here.length === 0) {
      return {
        cluster,
        state: 'unknown',
        message: `No recorded drill, and ${unreadable}`,
      };
    }
    const failed = here[0]
      ? `; the last restore, ${here[0].restoreName}, ended ${here[0].phase}`
      : '';
    return {
      cluster,
      state: 'fail',
      message: `No restore drill of the entity completed on ${cluster}${failed}`,
    };
  }
  const ageMs = view.now.getTime() - drillTime(completed);
  const took =
    completed.durationMs !== undefined
      ? `, restored in ${formatDuration(completed.durationMs)}`
      : '';
  const what = `restore ${completed.restoreName} of ${
    completed.backupName
  } completed ${formatDuration(Math.max(0, ageMs))} ago${took}`;
  if (ageMs > drillInterval.ms) {
    return {
      cluster,
      state: 'fail',
      message: `The last drill on ${cluster}, ${what}, is older than the drill interval of ${interval}`,
    };
  }
  if (here[0] !== completed) {
    return {
      cluster,
      state: 'warn',
      message: `Drill on ${cluster}: ${what}, but the later restore ${here[0].restoreName} ended ${here[0].phase}`,
    };
  }
  return {
    cluster,
    state: 'pass',
    message: `Drill on ${cluster}: ${what} (interval ${interval})`,
  };
}

// While failed over, the former primary is a reserve that nothing is restored on: a failback
// moves the service back there.
function formerPrimaryResult(cluster: string): ClusterCheckResult {
  return {
    cluster,
    state: 'not-applicable',
    message: `${cluster} is the former primary: failing back moves the service back there, it restores nothing`,
  };
}

/**
 * backup.restore-drill: a restore of the entity's backup completed on a reserve within the
 * drill interval, from Kube Reserve's drill history and the reserves' current Restores. A
 * reserve without Velero fails (it cannot restore); one good reserve is enough. While failed
 * over, the former primary needs no drill.
 */
export function checkRestoreDrill(view: EntityView): CheckResult {
  if (view.policy.mode === 'none') {
    return notApplicable(id, 'Mode none: there is no reserve to restore on');
  }
  if (view.reserves.length === 0) {
    return notApplicable(id, 'The entity has no reserve cluster to restore on');
  }
  const primary = view.primary;
  if (primary && primary.status.state === 'ok' && veleroAbsent(primary)) {
    const message = `Velero is not installed on ${primary.cluster.name}`;
    return {
      id,
      state: 'fail',
      message,
      clusters: [{ cluster: primary.cluster.name, state: 'fail', message }],
    };
  }
  const drills = entityDrills(view);
  const clusters = view.reserves.map(reserve =>
    reserve.cluster.name === view.formerPrimary
      ? formerPrimaryResult(reserve.cluster.name)
      : reserveResult(reserve, drills, view),
  );
  if (clusters.every(c => c.state === 'not-applicable')) {
    return {
      id,
      state: 'not-applicable',
      message: clusters[0].message,
      clusters,
    };
  }
  const best = clusters
    .filter(c => c.state !== 'not-applicable')
    .sort((a, b) => bestFirst.indexOf(a.state) - bestFirst.indexOf(b.state))[0];
  return { id, state: best.state, message: best.message, clusters };
}
