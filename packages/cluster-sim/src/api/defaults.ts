import { KindInfo } from '../kinds/kindTable';
import { KubeObject } from '../store/ObjectStore';
import { Fields, fieldsAt, fillUnset } from './fillUnset';
import { defaultPodSpec, defaultPodTemplate } from './podTemplateDefaults';

// Each function follows the SetDefaults_<Kind> of the API server (pkg/apis/<group>/<version>/
// defaults.go), limited to the fields clients commonly read.

function defaultNamespace(obj: KubeObject): void {
  obj.metadata.labels = {
    ...obj.metadata.labels,
    'kubernetes.io/metadata.name': obj.metadata.name,
  };
  // Finalizers come from the namespace strategy, the phase from SetDefaults_NamespaceStatus.
  fillUnset(fieldsAt(obj, 'spec'), { finalizers: ['kubernetes'] });
  fillUnset(fieldsAt(obj, 'status'), { phase: 'Active' });
}

function defaultService(spec: Fields): void {
  fillUnset(spec, { type: 'ClusterIP', sessionAffinity: 'None' });
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!port || typeof port !== 'object') continue;
    fillUnset(port, { protocol: 'TCP' });
    if ([undefined, null, 0, ''].includes(port.targetPort)) {
      port.targetPort = port.port;
    }
  }
}

function defaultDeployment(spec: Fields): void {
  fillUnset(spec, {
    replicas: 1,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
  const strategy = fieldsAt(spec, 'strategy');
  fillUnset(strategy, { type: 'RollingUpdate' });
  if (strategy.type === 'RollingUpdate') {
    fillUnset(fieldsAt(strategy, 'rollingUpdate'), {
      maxUnavailable: '25%',
      maxSurge: '25%',
    });
  }
  defaultPodTemplate(spec);
}

function defaultStatefulSet(spec: Fields): void {
  fillUnset(spec, {
    replicas: 1,
    revisionHistoryLimit: 10,
    podManagementPolicy: 'OrderedReady',
  });
  const strategy = fieldsAt(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    fieldsAt(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
    fillUnset(strategy.rollingUpdate, { partition: 0 });
  }
  fillUnset(fieldsAt(spec, 'persistentVolumeClaimRetentionPolicy'), {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  });
  defaultPodTemplate(spec);
}

function defaultDaemonSet(spec: Fields): void {
  fillUnset(spec, { revisionHistoryLimit: 10 });
  const strategy = fieldsAt(spec, 'updateStrategy');
  fillUnset(strategy, { type: 'RollingUpdate' });
  if (strategy.type === 'RollingUpdate') {
    fillUnset(fieldsAt(strategy, 'rollingUpdate'), {
      maxUnavailable: 1,
      maxSurge: 0,
    });
  }
  defaultPodTemplate(spec);
}

function defaultJob(spec: Fields): void {
  const unset = (value: unknown) => value === undefined || value === null;
  if (unset(spec.completions) && unset(spec.parallelism)) spec.completions = 1;
  fillUnset(spec, {
    parallelism: 1,
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
  });
  defaultPodTemplate(spec);
}

function defaultCronJob(spec: Fields): void {
  fillUnset(spec, {
    suspend: false,
    concurrencyPolicy: 'Allow',
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
  });
  // The job template is a JobTemplateSpec, not a Job: only its pod template gets defaults.
  defaultPodTemplate(spec.jobTemplate?.spec);
}

function defaultHorizontalPodAutoscaler(spec: Fields): void {
  fillUnset(spec, { minReplicas: 1 });
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ];
  }
}

/**
 * Fills the fields the API server defaults when it decodes a written object (create, update and
 * patch alike), for the kinds whose defaults clients commonly read.
 */
export function applyDefaults(info: KindInfo, obj: KubeObject): void {
  switch (`${info.group}/${info.plural}`) {
    case '/namespaces':
      defaultNamespace(obj);
      break;
    case '/secrets':
      fillUnset(obj, { type: 'Opaque' });
      break;
    case '/services':
      defaultService(fieldsAt(obj, 'spec'));
      break;
    case '/pods':
      defaultPodSpec(fieldsAt(obj, 'spec'));
      break;
    case 'apps/deployments':
      defaultDeployment(fieldsAt(obj, 'spec'));
      break;
    case 'apps/statefulsets':
      defaultStatefulSet(fieldsAt(obj, 'spec'));
      break;
    case 'apps/daemonsets':
      defaultDaemonSet(fieldsAt(obj, 'spec'));
      break;
    case 'apps/replicasets':
      fillUnset(fieldsAt(obj, 'spec'), { replicas: 1 });
      defaultPodTemplate(obj.spec);
      break;
    case 'batch/jobs':
      defaultJob(fieldsAt(obj, 'spec'));
      break;
    case 'batch/cronjobs':
      defaultCronJob(fieldsAt(obj, 'spec'));
      break;
    case 'autoscaling/horizontalpodautoscalers':
      defaultHorizontalPodAutoscaler(fieldsAt(obj, 'spec'));
      break;
    default:
  }
}
