import { ClusterFixture, NodeDefinition } from '../fixtures/ClusterFixture';
import { KubeObject, rfc3339 } from '../store/ObjectStore';

const BUILTIN_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

function nodeObject(
  node: NodeDefinition,
  index: number,
  clusterVersion: string,
  now: Date,
): KubeObject {
  const roles = node.roles ?? ['worker'];
  const ready = node.ready ?? true;
  const taints = [
    ...(roles.includes('control-plane')
      ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
      : []),
    ...(node.unschedulable
      ? [
          {
            key: 'node.kubernetes.io/unschedulable',
            effect: 'NoSchedule',
            timeAdded: rfc3339(now),
          },
        ]
      : []),
    ...(!ready
      ? [
          {
            key: 'node.kubernetes.io/unreachable',
            effect: 'NoSchedule',
            timeAdded: rfc3339(now),
          },
        ]
      : []),
  ];
  const heartbeat = rfc3339(now);
  const condition = (
    type: string,
    status: string,
    reason: string,
    message: string,
  ) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: heartbeat,
  });
  const capacity = {
    cpu: '4',
    memory: '16311412Ki',
    pods: '110',
    'ephemeral-storage': '102626232Ki',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...Object.fromEntries(
          roles.map(r => [`node-role.kubernetes.io/${r}`, '']),
        ),
        ...(node.zone ? { 'topology.kubernetes.io/zone': node.zone } : {}),
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      ...(node.unschedulable ? { unschedulable: true } : {}),
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        ready
          ? condition(
              'Ready',
              'True',
              'KubeletReady',
              'kubelet is posting ready status',
            )
          : condition(
              'Ready',
              'Unknown',
              'NodeStatusUnknown',
              'Kubelet stopped posting node status.',
            ),
      ],
      addresses: [
        {
          type: 'InternalIP',
          address: `10.0.${Math.floor(index / 250)}.${(index % 250) + 10}`,
        },
        { type: 'Hostname', address: node.name },
      ],
      nodeInfo: {
        kubeletVersion: node.kubeletVersion ?? clusterVersion,
        kubeProxyVersion: node.kubeletVersion ?? clusterVersion,
        containerRuntimeVersion: 'containerd://2.0.0',
        osImage: 'Ubuntu 24.04.1 LTS',
        kernelVersion: '6.8.0-45-generic',
        operatingSystem: 'linux',
        architecture: 'amd64',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  };
}

/**
 * The objects every real cluster has before anyone applies anything: the standard namespaces,
 * the nodes, and the `kubernetes` Service in default.
 */
export function builtinObjects(
  fixture: ClusterFixture,
  now: Date,
): KubeObject[] {
  return [
    ...BUILTIN_NAMESPACES.map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    ...(fixture.nodes ?? []).map((n, i) =>
      nodeObject(n, i, fixture.version, now),
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        ports: [
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 },
        ],
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    },
  ];
}
