import { KindInfo } from '../kinds/kindTable';
import { KubeObject } from '../store/ObjectStore';

/**
 * Fills the fields the API server defaults on creation for the kinds whose defaults clients
 * commonly read (replicas, namespace phase and name label, CronJob suspend).
 */
export function applyCreateDefaults(info: KindInfo, obj: KubeObject): void {
  const key = `${info.group}/${info.plural}`;
  switch (key) {
    case '/namespaces':
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name,
      };
      obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
      obj.status = { phase: 'Active', ...obj.status };
      break;
    case 'apps/deployments':
      obj.spec = {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
        },
        ...obj.spec,
      };
      break;
    case 'apps/statefulsets':
    case 'apps/replicasets':
      obj.spec = { replicas: 1, ...obj.spec };
      break;
    case 'batch/cronjobs':
      obj.spec = { suspend: false, concurrencyPolicy: 'Allow', ...obj.spec };
      break;
    default:
  }
}
