import {
  ClusterFacts,
  ClusterStatus,
  DrillRecord,
  EntityPolicy,
  ResourceKindState,
} from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectKind,
  ClusterObjectLists,
  ClusterSideView,
  EntityView,
  resourceOfKind,
} from '../EntityView';

/** The primary of the test pair: Hetzner in Frankfurt. */
export const primaryFacts: ClusterFacts = {
  name: 'prod-fra',
  role: 'primary',
  site: 'fra1',
  provider: 'hetzner',
  region: 'eu-central',
};

/** The reserve of the test pair: DigitalOcean, Amsterdam. */
export const reserveFacts: ClusterFacts = {
  name: 'reserve-ams',
  role: 'reserve',
  site: 'ams3',
  provider: 'digitalocean',
  region: 'eu-west',
};

const emptyLists = (): ClusterObjectLists => ({
  deployments: [],
  statefulSets: [],
  daemonSets: [],
  cronJobs: [],
  podDisruptionBudgets: [],
  horizontalPodAutoscalers: [],
  services: [],
  endpoints: [],
  configMaps: [],
  secrets: [],
  persistentVolumeClaims: [],
  ingresses: [],
  resourceQuotas: [],
  ingressClasses: [],
  storageClasses: [],
  nodes: [],
  leases: [],
  certificates: [],
  clusterDeployments: [],
  clusterPodDisruptionBudgets: [],
  veleroSchedules: [],
  veleroBackups: [],
  veleroRestores: [],
  veleroBackupStorageLocations: [],
});

const okStatus = (): ClusterStatus => ({
  state: 'ok',
  collectedAt: '2026-03-01T11:59:30Z',
  kinds: {},
});

/** A reachable cluster side where every kind was read; lists not given are empty. */
export function aClusterSide(
  facts: ClusterFacts,
  lists: Partial<ClusterObjectLists> = {},
): ClusterSideView {
  return {
    cluster: { ...facts },
    status: okStatus(),
    ...emptyLists(),
    ...lists,
  };
}

/** The primary side prod-fra with the given objects. */
export function aPrimary(
  lists: Partial<ClusterObjectLists> = {},
): ClusterSideView {
  return aClusterSide(primaryFacts, lists);
}

/** The reserve side reserve-ams with the given objects. */
export function aReserve(
  lists: Partial<ClusterObjectLists> = {},
): ClusterSideView {
  return aClusterSide(reserveFacts, lists);
}

/** The same side, unreachable since its last collection. */
export function unreachable(
  side: ClusterSideView,
  message = 'connect ECONNREFUSED 10.0.0.1:6443',
): ClusterSideView {
  return { ...side, status: { ...side.status, state: 'unreachable', message } };
}

/** The same side with one kind unreadable (forbidden by RBAC unless told otherwise). */
export function withoutKind(
  side: ClusterSideView,
  kind: ClusterObjectKind,
  state: Exclude<ResourceKindState, 'ok'> = 'forbidden',
): ClusterSideView {
  const resource = resourceOfKind[kind];
  const { [kind]: _dropped, ...rest } = side;
  return {
    ...rest,
    status: {
      ...side.status,
      kinds: {
        ...side.status.kinds,
        [resource]: { state, message: `${resource} is ${state}` },
      },
    },
  } as ClusterSideView;
}

/** A warm-mode policy on the test pair, with the given fields replaced. */
export function aPolicy(overrides: Partial<EntityPolicy> = {}): EntityPolicy {
  return {
    mode: 'warm',
    replicaRatio: { primary: 6, reserve: 4 },
    rpo: { ms: 86_400_000, text: '24h' },
    rto: { ms: 3_600_000, text: '1h' },
    drillInterval: { ms: 7_776_000_000, text: '90d' },
    siteConfig: [],
    externalServices: [],
    cronJobs: 'primary-only',
    clusters: { primary: primaryFacts.name, reserves: [reserveFacts.name] },
    problems: [],
    ...overrides,
  };
}

/** The view of the entity `component:default/shop` on the given sides. */
export function anEntityView(
  parts: {
    primary?: ClusterSideView;
    reserves?: ClusterSideView[];
    policy?: Partial<EntityPolicy>;
    unconfiguredClusters?: string[];
    drills?: DrillRecord[];
  } = {},
): EntityView {
  return {
    entityRef: 'component:default/shop',
    namespaces: ['shop'],
    policy: aPolicy(parts.policy),
    ...('primary' in parts
      ? { primary: parts.primary }
      : { primary: aPrimary() }),
    reserves: parts.reserves ?? [aReserve()],
    unconfiguredClusters: parts.unconfiguredClusters ?? [],
    now: new Date('2026-03-01T12:00:00Z'),
    drills: parts.drills ?? [],
  };
}
