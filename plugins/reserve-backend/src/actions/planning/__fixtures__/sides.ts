import { PlainObject } from '../../ClusterOperator';
import { KindSource, SideKind, SideState } from '../sideState';

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

/** A side of a cluster that answered, every kind read live, with the given objects. */
export function side(
  cluster: string,
  objects: Partial<
    Omit<SideState, 'cluster' | 'answers' | 'notLive' | 'problem'>
  > = {},
): SideState {
  return {
    cluster,
    answers: true,
    notLive: {},
    deployments: [],
    statefulSets: [],
    cronJobs: [],
    horizontalPodAutoscalers: [],
    services: [],
    endpoints: [],
    ...objects,
  };
}

const sideKinds: SideKind[] = [
  'deployments',
  'statefulSets',
  'cronJobs',
  'horizontalPodAutoscalers',
  'services',
  'endpoints',
];

/**
 * The side as a planner gets it when its cluster does not answer: every kind from the
 * collector's listings of `ageMs` ago, or nothing at all when it was never listed.
 */
export function unreachable(
  state: SideState,
  options: { problem?: string; ageMs?: number; neverListed?: boolean } = {},
): SideState {
  const problem = options.problem ?? 'connect ECONNREFUSED 10.0.0.1:6443';
  const source: KindSource = options.neverListed
    ? { from: 'unknown', problem }
    : { from: 'listing', problem, ageMs: options.ageMs ?? 180_000 };
  const emptied = options.neverListed
    ? Object.fromEntries(sideKinds.map(kind => [kind, []]))
    : {};
  return {
    ...state,
    ...emptied,
    answers: false,
    problem,
    notLive: Object.fromEntries(sideKinds.map(kind => [kind, source])),
  };
}

/**
 * The side as a planner gets it when its cluster answers but one kind fails to list: that
 * kind from the listing of `ageMs` ago, or nothing at all without `ageMs`.
 */
export function failing(
  state: SideState,
  kind: SideKind,
  options: { problem?: string; ageMs?: number } = {},
): SideState {
  const problem = options.problem ?? `simulated failure serving ${kind}`;
  return {
    ...state,
    ...(options.ageMs === undefined ? { [kind]: [] } : {}),
    notLive: {
      ...state.notLive,
      [kind]:
        options.ageMs === undefined
          ? { from: 'unknown', problem }
          : { from: 'listing', problem, ageMs: options.ageMs },
    },
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
