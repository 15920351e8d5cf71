import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { isControlPlane, isReady, nodeName } from '../../platform/nodeFacts';
import { readSide } from '../../view/clusterData';
import { checkEachCluster } from './clusterScoped';

const id = 'platform.control-plane';

/**
 * One cluster's control plane: at least three nodes and an odd number, since etcd needs a
 * majority; a managed control plane is the provider's and does not apply.
 */
export function controlPlaneResult(side: ClusterSideView): ClusterCheckResult {
  const cluster = side.cluster.name;
  if (side.cluster.managedControlPlane) {
    return {
      cluster,
      state: 'not-applicable',
      message: `${cluster} has a managed control plane (reserve.clusters.${cluster}.managedControlPlane)`,
    };
  }
  const data = readSide(side, ['nodes']);
  if ('unknown' in data) return data.unknown;
  const controlPlane = data.lists.nodes.filter(isControlPlane);
  const count = controlPlane.length;
  if (count === 0) {
    // kubeadm, k3s and RKE2 all label their masters; none visible usually means a managed
    // control plane that the configuration does not mark as such.
    return {
      cluster,
      state: 'unknown',
      message: `No control-plane node is visible on ${cluster}; if its control plane is managed, set managedControlPlane: true under reserve.clusters.${cluster}`,
    };
  }
  const names = controlPlane.map(nodeName).join(', ');
  if (count < 3) {
    return {
      cluster,
      state: 'fail',
      message: `${cluster} has ${count} control-plane node${
        count === 1 ? '' : 's'
      } (${names}): losing one stops the cluster's API`,
    };
  }
  if (count % 2 === 0) {
    return {
      cluster,
      state: 'warn',
      message: `${cluster} has ${count} control-plane nodes: an even count tolerates no more failures than ${
        count - 1
      } and makes a split vote possible`,
    };
  }
  const notReady = controlPlane.filter(n => !isReady(n)).map(nodeName);
  if (notReady.length > 0) {
    return {
      cluster,
      state: 'warn',
      message: `${
        notReady.length
      } of the ${count} control-plane nodes of ${cluster} are not Ready (${notReady.join(
        ', ',
      )})`,
    };
  }
  return {
    cluster,
    state: 'pass',
    message: `${cluster} has ${count} control-plane nodes (${names})`,
  };
}

/** platform.control-plane: each cluster of the pair runs an odd number of at least 3 masters. */
export function checkControlPlane(view: EntityView): CheckResult {
  return checkEachCluster(view, id, controlPlaneResult);
}
