import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { combineClusterResults } from '../outcome';

const id = 'topology.reserve-exists';

/** topology.reserve-exists: the entity has at least one configured reserve cluster. */
export function checkReserveExists(view: EntityView): CheckResult {
  if (view.policy.mode === 'none') {
    return {
      id,
      state: 'fail',
      acceptedRisk: true,
      message: 'Mode none: the entity has no reserve, an accepted risk',
      clusters: [],
    };
  }
  const pair = view.policy.clusters;
  if (!pair) {
    return {
      id,
      state: 'fail',
      message: 'No cluster pair is configured for this entity',
      clusters: [],
    };
  }
  const primary = pair.primary;
  const standingBy: ClusterCheckResult[] = view.reserves.map(reserve => ({
    cluster: reserve.cluster.name,
    state: 'pass',
    message: `${reserve.cluster.name} stands by for ${primary}`,
  }));
  const unconfigured: ClusterCheckResult[] = pair.reserves
    .filter(name => view.unconfiguredClusters.includes(name))
    .map(name => ({
      cluster: name,
      // With another reserve configured the entity still has somewhere to go: warn only.
      state: standingBy.length > 0 ? 'warn' : 'fail',
      message: `${name} is named as a reserve but not configured under reserve.clusters`,
    }));
  if (standingBy.length === 0 && unconfigured.length === 0) {
    return {
      id,
      state: 'fail',
      message: `No reserve cluster stands by for ${primary}`,
      clusters: [],
    };
  }
  return combineClusterResults(id, [...standingBy, ...unconfigured]);
}
