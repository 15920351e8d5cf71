import type {
  V1Endpoints,
  V1Ingress,
  V1IngressClass,
  V1Node,
  V1PersistentVolumeClaim,
  V1PodDisruptionBudget,
  V1ResourceQuota,
  V1Service,
  V1StorageClass,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { digestConfigMap } from '../../clusters/compactObjects';
import { ConfigMapDigest, SecretDigest } from '../EntityView';
import { testNamespace } from './workloadBuilders';

/** A PodDisruptionBudget selecting `app=<app>` that allows one disruption unless told otherwise. */
export function aPodDisruptionBudget(
  app: string,
  budget: {
    maxUnavailable?: number | string;
    minAvailable?: number | string;
  } = {
    maxUnavailable: 1,
  },
): V1PodDisruptionBudget {
  return {
    metadata: { name: app, namespace: testNamespace },
    spec: { selector: { matchLabels: { app } }, ...budget },
  };
}

/** A HorizontalPodAutoscaler scaling the Deployment `target` from `minReplicas`. */
export function aHorizontalPodAutoscaler(
  target: string,
  minReplicas: number,
): V2HorizontalPodAutoscaler {
  return {
    metadata: { name: target, namespace: testNamespace },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      minReplicas,
      maxReplicas: 10,
    },
  };
}

/** A Service; by default a ClusterIP Service selecting `app=<name>`. */
export function aService(
  name: string,
  spec: V1Service['spec'] = { selector: { app: name } },
): V1Service {
  return { metadata: { name, namespace: testNamespace }, spec };
}

/** Endpoints of a selectorless Service, with the given IP addresses. */
export function someEndpoints(name: string, ips: string[]): V1Endpoints {
  return {
    metadata: { name, namespace: testNamespace },
    subsets: ips.length > 0 ? [{ addresses: ips.map(ip => ({ ip })) }] : [],
  };
}

/** A ConfigMap digest of the given data, as the collector hashes it. */
export function aConfigMap(
  name: string,
  data: Record<string, string>,
): ConfigMapDigest {
  const { keyHashes } = digestConfigMap({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: testNamespace },
    data,
  });
  return { namespace: testNamespace, name, labels: {}, keyHashes };
}

/** A Secret digest with the given key hashes (as the collector's HMAC would give them). */
export function aSecret(
  name: string,
  keyHashes: Record<string, string>,
  type = 'Opaque',
): SecretDigest {
  return { namespace: testNamespace, name, labels: {}, type, keyHashes };
}

/** A PersistentVolumeClaim of the given StorageClass (`undefined`: the cluster default). */
export function aPersistentVolumeClaim(
  name: string,
  storageClassName?: string,
): V1PersistentVolumeClaim {
  return {
    metadata: { name, namespace: testNamespace },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
    },
  };
}

/** A StorageClass, optionally the cluster's default. */
export function aStorageClass(name: string, isDefault = false): V1StorageClass {
  return {
    metadata: {
      name,
      ...(isDefault
        ? {
            annotations: {
              'storageclass.kubernetes.io/is-default-class': 'true',
            },
          }
        : {}),
    },
    provisioner: 'csi.example.com',
  };
}

/** An Ingress for the given hosts, of the given IngressClass (`undefined`: the default). */
export function anIngress(
  name: string,
  hosts: string[],
  ingressClassName?: string,
): V1Ingress {
  return {
    metadata: { name, namespace: testNamespace },
    spec: {
      ...(ingressClassName ? { ingressClassName } : {}),
      rules: hosts.map(host => ({ host })),
    },
  };
}

/** An IngressClass, optionally the cluster's default. */
export function anIngressClass(
  name: string,
  isDefault = false,
): V1IngressClass {
  return {
    metadata: {
      name,
      ...(isDefault
        ? {
            annotations: {
              'ingressclass.kubernetes.io/is-default-class': 'true',
            },
          }
        : {}),
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  };
}

/** A ResourceQuota with the given hard limits and current usage. */
export function aResourceQuota(
  hard: Record<string, string>,
  used: Record<string, string>,
): V1ResourceQuota {
  return {
    metadata: { name: 'compute', namespace: testNamespace },
    spec: { hard },
    status: { hard, used },
  };
}

/** A Ready worker node in the given zone. */
export function aNode(name: string, zone: string): V1Node {
  return {
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}
