import { ClusterSideView } from '../readiness/EntityView';
import { isControlPlane, nodeName } from '../platform/nodeFacts';

/** A placeholder for node names Kube Reserve could not read. */
export const unknownControlPlaneNode = '<control-plane-node>';

/** The names of a cluster's control-plane nodes, or one placeholder when nodes are unknown. */
export function controlPlaneNodeNames(side: ClusterSideView): string[] {
  const names = (side.nodes ?? []).filter(isControlPlane).map(nodeName).sort();
  return names.length > 0 ? names : [unknownControlPlaneNode];
}
