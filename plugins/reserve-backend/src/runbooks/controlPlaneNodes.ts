import { RunbookCommand } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import { isControlPlane, nodeName } from '../platform/nodeFacts';

/** The names of a cluster's control-plane nodes, sorted; none when its nodes are unknown. */
export function controlPlaneNodeNames(side: ClusterSideView): string[] {
  return (side.nodes ?? []).filter(isControlPlane).map(nodeName).sort();
}

// kubeadm labels its control-plane nodes so; asking the cluster names them when we cannot.
const controlPlaneSelector = 'node-role.kubernetes.io/control-plane';

/**
 * A command run on every control-plane node: one per node Kube Reserve knows by name, else
 * one loop over the nodes the cluster names, never a `<node>` placeholder.
 */
export function onEachControlPlaneNode(
  side: ClusterSideView,
  label: string,
  command: (node: string) => string,
): RunbookCommand[] {
  const cluster = side.cluster.name;
  const names = controlPlaneNodeNames(side);
  if (names.length > 0) {
    return names.map(node => ({
      label: `${label} on ${node}`,
      command: command(node),
    }));
  }
  return [
    {
      label: `${label} on each control-plane node of ${cluster}`,
      command: `for node in $(kubectl --context ${cluster} get nodes -l ${controlPlaneSelector} -o jsonpath='{.items[*].metadata.name}'); do ${command(
        '"$node"',
      )}; done`,
    },
  ];
}

/** `ssh <first control-plane node>`: by name when known, else the first the cluster names. */
export function sshToFirstControlPlaneNode(side: ClusterSideView): string {
  const [first] = controlPlaneNodeNames(side);
  return first
    ? `ssh ${first}`
    : `ssh "$(kubectl --context ${side.cluster.name} get nodes -l ${controlPlaneSelector} -o jsonpath='{.items[0].metadata.name}')"`;
}
