import { KubeObject } from '../store/ObjectStore';
import { LabelSelectorObject } from '../selectors/labelSelector';
import { badRequest } from './ApiError';

/** Formats a structured selector as a selector string, like metav1.FormatLabelSelector. */
export function formatLabelSelector(
  selector: LabelSelectorObject | undefined,
): string {
  const parts = Object.entries(selector?.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
      default:
    }
  }
  return parts.join(',');
}

/** The autoscaling/v1 Scale view of a Deployment, StatefulSet or ReplicaSet. */
export function scaleOf(obj: KubeObject) {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: formatLabelSelector(obj.spec?.selector),
    },
  };
}

/** The object with the replicas a Scale asks for; the Scale's resourceVersion is kept for the conflict check. */
export function withScale(obj: KubeObject, scale: any): KubeObject {
  const replicas = scale?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw badRequest('Scale spec.replicas must be a non-negative integer');
  }
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      resourceVersion:
        scale.metadata?.resourceVersion || obj.metadata.resourceVersion,
    },
    spec: { ...obj.spec, replicas },
  };
}
