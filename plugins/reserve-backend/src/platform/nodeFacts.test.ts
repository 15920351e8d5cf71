import type { V1Node } from '@kubernetes/client-node';
import { compactNode } from '../clusters/compactObjects';
import {
  countNodes,
  inUpgradeOrder,
  kubeletVersionOf,
  zonesOf,
} from './nodeFacts';

// Nodes as kubelets report them, with what the collector drops (annotations, addresses,
// capacity, images, heartbeat times) as well as what it keeps.
const node = (
  name: string,
  options: { controlPlane?: boolean; ready?: string; cordoned?: boolean },
): V1Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: {
      'topology.kubernetes.io/zone': `zone-${name.slice(-1)}`,
      ...(options.controlPlane
        ? { 'node-role.kubernetes.io/control-plane': '' }
        : {}),
    },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: {
    unschedulable: options.cordoned,
    taints: options.controlPlane
      ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
      : undefined,
  },
  status: {
    addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    capacity: { cpu: '4' },
    conditions: [
      {
        type: 'Ready',
        status: options.ready ?? 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: new Date('2026-12-07T10:00:00Z'),
      },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.34.2',
      architecture: 'amd64',
      bootID: 'b',
      containerRuntimeVersion: 'containerd://2.1.4',
      kernelVersion: '6.8.0',
      kubeProxyVersion: '',
      machineID: 'm',
      operatingSystem: 'linux',
      osImage: 'Ubuntu 24.04',
      systemUUID: 'u',
    },
    images: [{ names: ['registry.k8s.io/pause:3.10'], sizeBytes: 1 }],
  },
});

describe('node facts of compacted Nodes', () => {
  it('are the facts of the whole Nodes', () => {
    const nodes = [
      node('cp-1', { controlPlane: true }),
      node('cp-2', { controlPlane: true, ready: 'Unknown' }),
      node('w-1', {}),
      node('w-2', { cordoned: true }),
      node('w-3', { ready: 'False' }),
    ];
    const compacted = nodes.map(n => compactNode(n) as V1Node);
    expect(countNodes(compacted)).toEqual(countNodes(nodes));
    expect(countNodes(nodes)).toMatchObject({
      total: 5,
      ready: 3,
      controlPlane: 2,
      schedulableWorkers: 1,
    });
    expect(zonesOf(compacted)).toEqual(zonesOf(nodes));
    expect(inUpgradeOrder(compacted).map(n => n.metadata?.name)).toEqual(
      inUpgradeOrder(nodes).map(n => n.metadata?.name),
    );
    expect(compacted.map(kubeletVersionOf)).toEqual(
      nodes.map(kubeletVersionOf),
    );
  });
});
