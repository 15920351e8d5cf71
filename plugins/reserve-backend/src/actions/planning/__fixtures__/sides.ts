import { PlainObject } from '../../ClusterOperator';
import { SideState } from '../sideState';

let version = 100;
const meta = (name: string, namespace = 'shop') => ({
  name,
  namespace,
  resourceVersion: String(version++),
});

/** A Deployment with its replicas. */
export const deployment = (name: string, replicas: number): PlainObject => ({
  metadata: meta(name),
  spec: { replicas },
  status: { availableReplicas: replicas },
});

/** An HPA scaling a Deployment. */
export const autoscaler = (
  name: string,
  minReplicas: number,
  maxReplicas: number,
): PlainObject => ({
  metadata: meta(name),
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    minReplicas,
    maxReplicas,
  },
});

/** A CronJob, suspended or not. */
export const cronJob = (name: string, suspend: boolean): PlainObject => ({
  metadata: meta(name),
  spec: { schedule: '*/30 * * * *', suspend },
});

/** An ExternalName Service. */
export const externalName = (name: string, host: string): PlainObject => ({
  metadata: meta(name),
  spec: { type: 'ExternalName', externalName: host },
});

/** A selectorless Service with its Endpoints. */
export const selectorless = (name: string, ip: string): PlainObject[] => [
  {
    metadata: meta(name),
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'pg', port: 5432, targetPort: 5432 }],
    },
  },
  {
    metadata: meta(name),
    subsets: [
      {
        addresses: [{ ip }],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      },
    ],
  },
];

/** A live side of a cluster with the given objects. */
export function side(
  cluster: string,
  objects: Partial<Omit<SideState, 'cluster' | 'live'>> = {},
  live = true,
): SideState {
  return {
    cluster,
    live,
    ...(live ? {} : { problem: 'no answer within the timeout' }),
    deployments: [],
    statefulSets: [],
    cronJobs: [],
    horizontalPodAutoscalers: [],
    services: [],
    endpoints: [],
    ...objects,
  };
}

/** The model warm service: 6 on the primary, 4 on the reserve, a CronJob, a DB behind ExternalName. */
export function warmService() {
  return {
    primary: side('prod', {
      deployments: [deployment('shop', 6)],
      horizontalPodAutoscalers: [autoscaler('shop', 6, 12)],
      cronJobs: [cronJob('shop-reminder', false)],
      services: selectorless('db', '10.0.0.5').slice(0, 1),
      endpoints: selectorless('db', '10.0.0.5').slice(1),
    }),
    reserve: side('spare', {
      deployments: [deployment('shop', 4)],
      horizontalPodAutoscalers: [autoscaler('shop', 4, 12)],
      cronJobs: [cronJob('shop-reminder', true)],
      services: [externalName('db', 'pg-replica.spare.internal')],
    }),
  };
}
