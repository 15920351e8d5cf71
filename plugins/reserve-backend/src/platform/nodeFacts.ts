import type { V1Node } from '@kubernetes/client-node';
import { ClusterNodeCounts } from '@kube-reserve/plugin-reserve-common';

const controlPlaneLabels = [
  'node-role.kubernetes.io/control-plane',
  // Still set by older kubeadm clusters and some distributions.
  'node-role.kubernetes.io/master',
];
const zoneLabels = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** The node's name, or `(unnamed)`. */
export function nodeName(node: V1Node): string {
  return node.metadata?.name ?? '(unnamed)';
}

/** Whether the node carries a control-plane role label. */
export function isControlPlane(node: V1Node): boolean {
  const labels = node.metadata?.labels ?? {};
  return controlPlaneLabels.some(label => label in labels);
}

/** Whether the node's Ready condition is True. */
export function isReady(node: V1Node): boolean {
  return (
    node.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}

/** Whether new pods can land on the node: Ready, not cordoned, no NoSchedule or NoExecute taint. */
export function isSchedulable(node: V1Node): boolean {
  if (!isReady(node) || node.spec?.unschedulable) return false;
  return (node.spec?.taints ?? []).every(
    t => t.effect !== 'NoSchedule' && t.effect !== 'NoExecute',
  );
}

/** The node's zone label, if any. */
export function zoneOf(node: V1Node): string | undefined {
  const labels = node.metadata?.labels ?? {};
  return zoneLabels.map(label => labels[label]).find(Boolean);
}

/** The kubelet version the node reports, e.g. `v1.35.1`. */
export function kubeletVersionOf(node: V1Node): string | undefined {
  return node.status?.nodeInfo?.kubeletVersion;
}

/** Counts of a cluster's nodes by role and state. */
export function countNodes(nodes: readonly V1Node[]): ClusterNodeCounts {
  const workers = nodes.filter(n => !isControlPlane(n));
  return {
    total: nodes.length,
    ready: nodes.filter(isReady).length,
    controlPlane: nodes.length - workers.length,
    workers: workers.length,
    schedulableWorkers: workers.filter(isSchedulable).length,
    notReady: nodes.filter(n => !isReady(n)).map(nodeName),
    cordoned: nodes.filter(n => n.spec?.unschedulable).map(nodeName),
  };
}

/** The distinct zones of the nodes, sorted. */
export function zonesOf(nodes: readonly V1Node[]): string[] {
  const zones = nodes.map(zoneOf).filter((z): z is string => Boolean(z));
  return [...new Set(zones)].sort();
}

/** Control-plane nodes first, then workers, each by name: the order an upgrade goes in. */
export function inUpgradeOrder(nodes: readonly V1Node[]): V1Node[] {
  const byName = (a: V1Node, b: V1Node) =>
    nodeName(a).localeCompare(nodeName(b));
  return [
    ...nodes.filter(isControlPlane).sort(byName),
    ...nodes.filter(n => !isControlPlane(n)).sort(byName),
  ];
}
