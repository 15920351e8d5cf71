import {
  CheckResult,
  ClusterCheckResult,
  DrillRecord,
} from '@kube-reserve/plugin-reserve-common';
import ms from 'ms';
import { ClusterSideView, EntityView } from '../../readiness/EntityView';
import { drillTime, entityDrills } from '../../velero/restoreDrills';
import { notApplicable } from '../outcome';
import { veleroAbsent } from './primaryVelero';
import { unavailableReason } from '../clusterData';

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
  const { drillInterval } = view.policy;
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
      ? `, restored in ${ms(completed.durationMs)}`
      : '';
  const what = `restore ${completed.restoreName} of ${
    completed.backupName
  } completed ${ms(Math.max(0, ageMs))} ago${took}`;
  if (ageMs > drillInterval.ms) {
    return {
      cluster,
      state: 'fail',
      message: `The last drill on ${cluster}, ${what}, is older than the drill interval of ${drillInterval.text}`,
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
    message: `Drill on ${cluster}: ${what} (interval ${drillInterval.text})`,
  };
}

/**
 * backup.restore-drill: a restore of the entity's backup completed on a reserve within the
 * drill interval, from Kube Reserve's drill history and the reserves' current Restores.
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
    reserveResult(reserve, drills, view),
  );
  const best = [...clusters].sort(
    (a, b) => bestFirst.indexOf(a.state) - bestFirst.indexOf(b.state),
  )[0];
  return { id, state: best.state, message: best.message, clusters };
}
