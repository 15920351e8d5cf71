import type {
  V1Container,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1PodSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';

/** The namespace test objects live in unless told otherwise. */
export const testNamespace = 'shop';

/** A well-behaved container: pinned image, both probes, CPU and memory requests. */
export function aContainer(
  name = 'api',
  overrides: Partial<V1Container> = {},
): V1Container {
  return {
    name,
    image: `registry.example.com/shop/${name}:1.4.2`,
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    resources: { requests: { cpu: '100m', memory: '128Mi' } },
    ...overrides,
  };
}

/** Options shared by the workload builders. */
export interface WorkloadOptions {
  namespace?: string;
  replicas?: number;
  /** Available replicas now; defaults to all of them. */
  available?: number;
  containers?: V1Container[];
  /** Pod spec fields replacing the defaults (e.g. `topologySpreadConstraints: []`). */
  podSpec?: Partial<V1PodSpec>;
}

function podTemplate(name: string, options: WorkloadOptions) {
  const podSpec: V1PodSpec = {
    containers: options.containers ?? [aContainer()],
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: name } },
      },
    ],
    ...options.podSpec,
  };
  return { metadata: { labels: { app: name } }, spec: podSpec };
}

function metadata(name: string, options: WorkloadOptions) {
  return { name, namespace: options.namespace ?? testNamespace };
}

/** A Deployment of 2 available replicas of one well-behaved container, spread over hosts. */
export function aDeployment(
  name: string,
  options: WorkloadOptions = {},
): V1Deployment {
  const replicas = options.replicas ?? 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(name, options),
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, options),
    },
    status: { replicas, availableReplicas: options.available ?? replicas },
  };
}

/** A StatefulSet built like `aDeployment`. */
export function aStatefulSet(
  name: string,
  options: WorkloadOptions = {},
): V1StatefulSet {
  const replicas = options.replicas ?? 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata(name, options),
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, options),
    },
    status: { replicas, availableReplicas: options.available ?? replicas },
  };
}

/** A DaemonSet scheduled on 3 nodes, all available unless told otherwise. */
export function aDaemonSet(
  name: string,
  options: WorkloadOptions = {},
): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: metadata(name, options),
    spec: {
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, options),
    },
    status: {
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: options.available ?? 3,
      numberAvailable: options.available ?? 3,
    },
  };
}

/** A CronJob, active unless `suspend` is set. */
export function aCronJob(
  name: string,
  options: WorkloadOptions & { suspend?: boolean } = {},
): V1CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata(name, options),
    spec: {
      schedule: '0 6 * * *',
      ...(options.suspend !== undefined ? { suspend: options.suspend } : {}),
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: options.containers ?? [
                aContainer(name, {
                  readinessProbe: undefined,
                  livenessProbe: undefined,
                }),
              ],
            },
          },
        },
      },
    },
  };
}
