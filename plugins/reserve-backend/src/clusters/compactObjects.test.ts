import type { KubernetesObject } from '@kubernetes/client-node';
import {
  COMPACTORS,
  compactEndpoints,
  compactNode,
  digestConfigMap,
  sameFacts,
  unlessUnchanged,
} from './compactObjects';

// A Node as a kubelet of v1.34 reports it (trimmed to one image and one volume).
const kubeletNode = (heartbeat: string, ready = 'True') =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'fra1-w-1',
      uid: '0b4c',
      resourceVersion: heartbeat === '10:00' ? '100' : '200',
      labels: {
        'kubernetes.io/hostname': 'fra1-w-1',
        'topology.kubernetes.io/zone': 'eu-central-1a',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        'csi.volume.kubernetes.io/nodeid': '{"ebs.csi.aws.com":"i-0abc"}',
      },
    },
    spec: {
      providerID: 'aws:///eu-central-1a/i-0abc',
      podCIDR: '10.244.1.0/24',
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' },
      addresses: [{ type: 'InternalIP', address: '10.0.1.17' }],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: `2026-12-07T${heartbeat}:00Z`,
          lastTransitionTime: '2026-11-01T08:00:00Z',
        },
        {
          type: 'Ready',
          status: ready,
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: `2026-12-07T${heartbeat}:00Z`,
          lastTransitionTime: '2026-11-01T08:00:00Z',
        },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.2',
        containerRuntimeVersion: 'containerd://2.1.4',
        bootID: 'f3c1',
        machineID: 'ec2a',
      },
      images: [
        {
          names: [`registry.k8s.io/pause@sha256:${'0'.repeat(64)}`],
          sizeBytes: 320368,
        },
      ],
      volumesInUse: ['kubernetes.io/csi/ebs.csi.aws.com^vol-1'],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  } as KubernetesObject);

describe('compactNode', () => {
  it('keeps what platform checks read of a Node and nothing else', () => {
    const compact = compactNode(kubeletNode('10:00'));
    expect(compact).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'fra1-w-1',
        uid: '0b4c',
        resourceVersion: '100',
        labels: {
          'kubernetes.io/hostname': 'fra1-w-1',
          'topology.kubernetes.io/zone': 'eu-central-1a',
        },
      },
      spec: {
        taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
      },
      status: {
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            reason: 'KubeletHasSufficientMemory',
          },
          { type: 'Ready', status: 'True', reason: 'KubeletReady' },
        ],
        nodeInfo: { kubeletVersion: 'v1.34.2' },
      },
    });
  });

  it("says the same after a heartbeat, and not after the Node's readiness changed", () => {
    const before = compactNode(kubeletNode('10:00'));
    expect(sameFacts(before, compactNode(kubeletNode('10:05')))).toBe(true);
    expect(sameFacts(before, compactNode(kubeletNode('10:05', 'False')))).toBe(
      false,
    );
  });
});

describe('digestConfigMap', () => {
  const configMap = (
    data?: Record<string, string>,
    binaryData?: Record<string, string>,
  ) =>
    ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'checkout-site',
        namespace: 'shop',
        labels: { a: 'b' },
      },
      ...(data ? { data } : {}),
      ...(binaryData ? { binaryData } : {}),
    } as KubernetesObject);

  it('keeps a hash per key of data and binaryData, and none of the values', () => {
    const digest = digestConfigMap(
      configMap(
        { DB_HOST: 'pg.fra.internal' },
        { 'ca.der': Buffer.from('fra').toString('base64') },
      ),
    );
    expect(Object.keys(digest.keyHashes).sort()).toEqual(['DB_HOST', 'ca.der']);
    expect(digest.metadata).toEqual({
      name: 'checkout-site',
      namespace: 'shop',
      labels: { a: 'b' },
    });
    const text = JSON.stringify(digest);
    expect(text).not.toContain('pg.fra.internal');
    expect(text).not.toContain(Buffer.from('fra').toString('base64'));
  });

  it('gives equal hashes to equal values and different hashes to different ones, binaryData included', () => {
    const hashes = (
      data?: Record<string, string>,
      binaryData?: Record<string, string>,
    ) => digestConfigMap(configMap(data, binaryData)).keyHashes;
    expect(hashes({ SITE: 'fra' })).toEqual(hashes({ SITE: 'fra' }));
    expect(hashes({ SITE: 'fra' })).not.toEqual(hashes({ SITE: 'ams' }));
    expect(hashes(undefined, { blob: 'AAEC' })).not.toEqual(
      hashes(undefined, { blob: 'AAED' }),
    );
    // The same text under data and as binaryData is not the same ConfigMap.
    expect(hashes({ k: 'AAEC' })).not.toEqual(hashes(undefined, { k: 'AAEC' }));
  });
});

describe('compactEndpoints', () => {
  it("reduces the endpoints controller's Pod addresses to their IPs and keeps hand-written ones whole", () => {
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'checkout', namespace: 'shop' },
      subsets: [
        {
          addresses: [
            {
              ip: '10.244.1.7',
              nodeName: 'fra1-w-1',
              targetRef: {
                kind: 'Pod',
                namespace: 'shop',
                name: 'checkout-7d9f-abcde',
                uid: '5e1f',
              },
            },
            { ip: '192.0.2.10', nodeName: 'db-host' },
          ],
          notReadyAddresses: [
            {
              ip: '10.244.2.8',
              targetRef: { kind: 'Pod', name: 'checkout-7d9f-fghij' },
            },
          ],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    } as KubernetesObject;
    expect(compactEndpoints(endpoints)).toEqual({
      ...endpoints,
      subsets: [
        {
          addresses: [
            { ip: '10.244.1.7' },
            { ip: '192.0.2.10', nodeName: 'db-host' },
          ],
          notReadyAddresses: [{ ip: '10.244.2.8' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    });
  });
});

describe('Velero Backups', () => {
  const backup = (itemsBackedUp: number) =>
    ({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'daily-20261207040000',
        namespace: 'velero',
        labels: { 'velero.io/schedule-name': 'daily' },
      },
      spec: {
        includedNamespaces: ['shop'],
        storageLocation: 'default',
        ttl: '720h0m0s',
        hooks: { resources: [{ name: 'freeze', pre: [{ exec: {} }] }] },
        itemOperationTimeout: '4h0m0s',
      },
      status: {
        phase: 'InProgress',
        startTimestamp: '2026-12-07T04:00:01Z',
        expiration: '2027-01-06T04:00:01Z',
        progress: { totalItems: 412, itemsBackedUp },
        formatVersion: '1.1.0',
        version: 1,
      },
    } as KubernetesObject);

  it('keeps the fields its type declares, and a tick of progress changes nothing kept', () => {
    const compact = COMPACTORS['backups.velero.io'];
    expect(compact(backup(10))).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: backup(10).metadata,
      spec: {
        includedNamespaces: ['shop'],
        storageLocation: 'default',
        ttl: '720h0m0s',
      },
      status: {
        phase: 'InProgress',
        startTimestamp: '2026-12-07T04:00:01Z',
        expiration: '2027-01-06T04:00:01Z',
      },
    });
    expect(sameFacts(compact(backup(10)), compact(backup(200)))).toBe(true);
  });
});

describe('unlessUnchanged', () => {
  const item = (name: string, resourceVersion: string, replicas = 2) =>
    ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', resourceVersion },
      spec: { replicas },
    } as KubernetesObject);

  it('keeps the earlier list when only resourceVersions moved', () => {
    const before = [item('a', '1'), item('b', '2')];
    expect(unlessUnchanged(before, [item('a', '5'), item('b', '6')])).toBe(
      before,
    );
  });

  it('takes the new list when an object changed, came or went', () => {
    const before = [item('a', '1'), item('b', '2')];
    for (const after of [
      [item('a', '1'), item('b', '3', 3)],
      [item('a', '1')],
      [item('a', '1'), item('b', '2'), item('c', '3')],
    ]) {
      expect(unlessUnchanged(before, after)).toBe(after);
    }
    const first = [item('a', '1')];
    expect(unlessUnchanged(undefined, first)).toBe(first);
  });
});
