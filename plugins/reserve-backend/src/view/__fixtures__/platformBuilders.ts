import type {
  V1Deployment,
  V1Lease,
  V1Node,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import { ClusterFacts } from '@kube-reserve/plugin-reserve-common';
import { ClusterObjectLists, ClusterSideView } from '../EntityView';
import { CertManagerCertificate } from '../../kube/certManagerTypes';
import { aClusterSide } from './viewBuilders';
import { testNamespace } from './workloadBuilders';

/** The instant `anEntityView` measures against, for platform test data. */
export const testNow = new Date('2026-03-01T12:00:00Z');

const dayMs = 24 * 3600_000;

/** `testNow` moved by the given days (negative: earlier), as ISO 8601. */
export function daysFromNow(days: number): string {
  return new Date(testNow.getTime() + days * dayMs).toISOString();
}

/** Options of `aClusterNode`. */
export interface NodeOptions {
  zone?: string;
  kubeletVersion?: string;
  ready?: boolean;
  unschedulable?: boolean;
}

/** A node as kubeadm labels it: control-plane nodes carry the role label and NoSchedule taint. */
export function aClusterNode(
  name: string,
  role: 'control-plane' | 'worker',
  options: NodeOptions = {},
): V1Node {
  const taints = [
    ...(role === 'control-plane'
      ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
      : []),
    ...(options.unschedulable
      ? [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]
      : []),
  ];
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(role === 'control-plane'
          ? { 'node-role.kubernetes.io/control-plane': '' }
          : {}),
        ...(options.zone !== undefined
          ? { 'topology.kubernetes.io/zone': options.zone }
          : {}),
      },
    },
    spec: {
      ...(options.unschedulable ? { unschedulable: true } : {}),
      ...(taints.length > 0 ? { taints } : {}),
    },
    status: {
      conditions: [
        { type: 'Ready', status: options.ready === false ? 'Unknown' : 'True' },
      ],
      nodeInfo: {
        kubeletVersion: options.kubeletVersion ?? 'v1.35.1',
      } as NonNullable<V1Node['status']>['nodeInfo'],
    },
  };
}

/** Three control-plane nodes and three workers over zones a, b and c, all at the given kubelet version. */
export function healthyNodes(
  prefix: string,
  kubeletVersion = 'v1.35.1',
): V1Node[] {
  return ['a', 'b', 'c'].flatMap((zone, i) => [
    aClusterNode(`${prefix}-cp-${i + 1}`, 'control-plane', {
      zone,
      kubeletVersion,
    }),
    aClusterNode(`${prefix}-w-${i + 1}`, 'worker', { zone, kubeletVersion }),
  ]);
}

/** A kube-system leader Lease; held, renewed at `testNow` with a 15 s duration unless told otherwise. */
export function aLease(
  name: string,
  spec: {
    holder?: string | null;
    renewTime?: string;
    leaseDurationSeconds?: number;
  } = {},
): V1Lease {
  return {
    metadata: { name, namespace: 'kube-system' },
    spec: {
      ...(spec.holder === null
        ? {}
        : { holderIdentity: spec.holder ?? `${name}-leader` }),
      leaseDurationSeconds: spec.leaseDurationSeconds ?? 15,
      renewTime: (spec.renewTime ?? testNow.toISOString()) as unknown as Date,
    },
  };
}

/** Fresh Leases of the scheduler and the controller manager. */
export function freshLeaderLeases(): V1Lease[] {
  return [aLease('kube-scheduler'), aLease('kube-controller-manager')];
}

/** A cert-manager Certificate, Ready and valid for 80 more days unless told otherwise. */
export function aCertificate(
  name: string,
  status: {
    ready?: boolean;
    notAfter?: string;
    renewalTime?: string;
    failedIssuanceAttempts?: number;
  } = {},
): CertManagerCertificate {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: testNamespace },
    spec: { secretName: name, dnsNames: ['shop.example.com'] },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: status.ready === false ? 'False' : 'True',
          reason: status.ready === false ? 'Failed' : 'Ready',
        },
      ],
      notAfter: status.notAfter ?? daysFromNow(80),
      renewalTime: status.renewalTime ?? daysFromNow(50),
      ...(status.failedIssuanceAttempts !== undefined
        ? { failedIssuanceAttempts: status.failedIssuanceAttempts }
        : {}),
    },
  };
}

const controllerLabels = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

/** The ingress-nginx controller Deployment as its Helm chart installs it. */
export function anIngressNginxController(
  replicas = 2,
  options: { args?: string[] } = {},
): V1Deployment {
  return {
    metadata: {
      name: 'ingress-nginx-controller',
      namespace: 'ingress-nginx',
      labels: controllerLabels,
    },
    spec: {
      replicas,
      selector: { matchLabels: controllerLabels },
      template: {
        metadata: { labels: controllerLabels },
        spec: {
          containers: [
            {
              name: 'controller',
              image: 'registry.k8s.io/ingress-nginx/controller:v1.13.0',
              args: options.args ?? [
                '/nginx-ingress-controller',
                '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx',
              ],
            },
          ],
        },
      },
    },
  };
}

/** The PDB the ingress-nginx chart creates, allowing one disruption unless told otherwise. */
export function anIngressNginxBudget(
  budget: { maxUnavailable?: number; minAvailable?: number } = {
    maxUnavailable: 1,
  },
): V1PodDisruptionBudget {
  return {
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
    spec: { selector: { matchLabels: controllerLabels }, ...budget },
  };
}

/**
 * A well-run cluster: v1.35.1, API certificate valid 300 more days, 3 control-plane nodes
 * and 3 workers over 3 zones, fresh leader Leases, ingress-nginx with 2 replicas and a PDB.
 */
export function aHealthyCluster(
  facts: ClusterFacts,
  lists: Partial<ClusterObjectLists> = {},
  fields: Partial<
    Pick<ClusterSideView, 'version' | 'apiCertificateNotAfter'>
  > = {},
): ClusterSideView {
  return {
    ...aClusterSide(facts, {
      nodes: healthyNodes(facts.name),
      leases: freshLeaderLeases(),
      clusterDeployments: [anIngressNginxController()],
      clusterPodDisruptionBudgets: [anIngressNginxBudget()],
      ...lists,
    }),
    version: 'v1.35.1',
    apiCertificateNotAfter: daysFromNow(300),
    ...fields,
  };
}
