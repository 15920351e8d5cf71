import { Entity } from '@backstage/catalog-model';
import {
  CheckResult,
  ClusterSummary,
  EntityPolicy,
  EntityReport,
  OwnershipResponse,
  ReportCluster,
} from '@kube-reserve/plugin-reserve-common';

const now = new Date().toISOString();

/** A reachable cluster with its facts. */
export function cluster(
  name: string,
  role: 'primary' | 'reserve',
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    name,
    role,
    site: role === 'primary' ? 'fra1' : 'ams3',
    provider: role === 'primary' ? 'hetzner' : 'digitalocean',
    region: role === 'primary' ? 'eu-central' : 'eu-west',
    version: 'v1.34.2',
    apiCertificate: {
      notAfter: new Date(Date.now() + 200 * 86_400_000).toISOString(),
    },
    status: { state: 'ok', collectedAt: now, kinds: {} },
    snapshotAgeMs: 12_000,
    ...overrides,
  };
}

function inPair(summary: ClusterSummary): ReportCluster {
  return { ...summary, roleInPair: summary.role };
}

const policy: EntityPolicy = {
  mode: 'warm',
  replicaRatio: { primary: 6, reserve: 4 },
  rpo: { ms: 14_400_000, text: '4h' },
  rto: { ms: 1_800_000, text: '30m' },
  drillInterval: { ms: 7_776_000_000, text: '90d' },
  siteConfig: ['checkout-site'],
  externalServices: ['checkout-db'],
  cronJobs: 'primary-only',
  clusters: { primary: 'prod-fra', reserves: ['reserve-ams'] },
  problems: [],
};

function passing(id: CheckResult['id']): CheckResult {
  return {
    id,
    state: 'pass',
    message: `${id} passes`,
    clusters: [
      { cluster: 'prod-fra', state: 'pass', message: 'prod-fra is fine' },
      { cluster: 'reserve-ams', state: 'pass', message: 'reserve-ams is fine' },
    ],
  };
}

/** A service whose reserve is ready. */
export const readyReport: EntityReport = {
  entityRef: 'component:default/checkout',
  policy,
  clusters: [
    inPair(cluster('prod-fra', 'primary')),
    inPair(cluster('reserve-ams', 'reserve')),
  ],
  checks: [
    passing('topology.reserve-exists'),
    passing('workload.replicas'),
    passing('parity.images'),
    passing('backup.fresh'),
  ],
  score: 100,
  verdict: 'ready',
  generatedAt: now,
};

/** A service whose reserve runs another image, with spec drift and a stale backup. */
export const notReadyReport: EntityReport = {
  ...readyReport,
  entityRef: 'component:default/payments-api',
  checks: [
    passing('topology.reserve-exists'),
    {
      id: 'parity.images',
      state: 'fail',
      message: 'reserve-ams runs payments-api:1.4.1, the primary 1.5.0',
      clusters: [
        {
          cluster: 'reserve-ams',
          state: 'fail',
          message: 'Deployment payments/api runs an older image',
          evidence: ['container api: payments-api:1.4.1 ≠ payments-api:1.5.0'],
        },
      ],
    },
    {
      id: 'parity.spec',
      state: 'warn',
      message: 'Deployment payments/api differs in 1 field',
      clusters: [],
      diff: [
        {
          cluster: 'reserve-ams',
          workload: 'Deployment payments/api',
          path: 'spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value',
          primary: '"info"',
          reserve: '"debug"',
          text: 'LOG_LEVEL: "info" → "debug"',
        },
      ],
    },
    {
      id: 'backup.fresh',
      state: 'fail',
      message: 'The newest backup is 3 days old; the RPO is 4h',
      clusters: [],
    },
    {
      id: 'workload.probes',
      state: 'warn',
      message: 'Container worker has no liveness probe',
      clusters: [],
    },
  ],
  score: 41,
  verdict: 'not-ready',
};

/** A service whose reserve cluster did not answer: its checks are unknown. */
export const unknownClusterReport: EntityReport = {
  ...readyReport,
  entityRef: 'component:default/search-indexer',
  clusters: [
    inPair(cluster('prod-fra', 'primary')),
    inPair(
      cluster('reserve-ams', 'reserve', {
        status: {
          state: 'unreachable',
          message: 'connect ECONNREFUSED 127.0.0.1:6444',
          kinds: {},
        },
        snapshotAgeMs: undefined,
        version: undefined,
        apiCertificate: undefined,
      }),
    ),
  ],
  checks: [
    passing('topology.reserve-exists'),
    {
      id: 'parity.deployed',
      state: 'unknown',
      message: 'reserve-ams did not answer the last collection',
      clusters: [
        {
          cluster: 'reserve-ams',
          state: 'unknown',
          message: 'reserve-ams is unreachable',
        },
      ],
    },
  ],
  score: 35,
  verdict: 'unknown',
};

/** The ISO 8601 instant `minutes` ago. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** Checkout with its primary refusing connections since 14 minutes, judged from what is known. */
export const unreachablePrimaryReport: EntityReport = {
  ...readyReport,
  namespaces: ['checkout'],
  clusters: [
    inPair(
      cluster('prod-fra', 'primary', {
        status: {
          state: 'unreachable',
          message: `connect ECONNREFUSED 127.0.0.1:6443; prod-fra answered last at ${minutesAgo(
            15,
          )}`,
          collectedAt: minutesAgo(15),
          staleSince: minutesAgo(14),
          kinds: {},
        },
        snapshotAgeMs: 900_000,
      }),
    ),
    inPair(cluster('reserve-ams', 'reserve')),
  ],
  checks: [
    passing('topology.reserve-exists'),
    {
      id: 'topology.reachable',
      state: 'fail',
      message: 'prod-fra did not answer the last collection',
      clusters: [
        {
          cluster: 'prod-fra',
          state: 'fail',
          message: 'prod-fra did not answer: connect ECONNREFUSED',
        },
      ],
    },
  ],
  score: 80,
  verdict: 'at-risk',
  situation: {
    kind: 'primary-unreachable',
    message: `prod-fra unreachable since ${minutesAgo(
      14,
    )}; last data ${minutesAgo(15)}`,
  },
};

/** Checkout serving from reserve-ams after a failover 20 minutes ago; prod-fra still refuses. */
export const failedOverReport: EntityReport = {
  ...unreachablePrimaryReport,
  clusters: [
    { ...cluster('reserve-ams', 'reserve'), roleInPair: 'primary' },
    {
      ...unreachablePrimaryReport.clusters[0],
      roleInPair: 'reserve',
    },
  ],
  checks: [passing('topology.reserve-exists'), passing('parity.cronjobs')],
  score: 100,
  verdict: 'ready',
  failover: {
    servingCluster: 'reserve-ams',
    formerPrimary: 'prod-fra',
    since: minutesAgo(20),
    by: 'user:default/alice',
    executionId: 'exec-1',
    pendingOnFormerPrimary: [
      {
        title:
          'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
        cluster: 'prod-fra',
        reason: 'prod-fra unreachable: connect ECONNREFUSED 127.0.0.1:6443',
      },
    ],
  },
  situation: {
    kind: 'failed-over',
    message: `Serving from reserve-ams since ${minutesAgo(
      20,
    )} (failover by user:default/alice)`,
  },
};

/** A Component tied to Kubernetes objects. */
export function component(name: string, annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: annotated ? { 'backstage.io/kubernetes-id': name } : {},
    },
    spec: { type: 'service', owner: 'group:default/team-payments' },
  };
}

/** A group entity. */
export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'engineering', namespace: 'default' },
  spec: { type: 'team', children: ['team-payments'] },
};

/** What engineering and its child groups own. */
export const ownership: OwnershipResponse = {
  group: 'group:default/engineering',
  aggregate: true,
  entities: [
    {
      entityRef: 'component:default/checkout',
      title: 'Checkout',
      kind: 'Component',
      owner: 'group:default/team-payments',
      verdict: 'ready',
      score: 100,
      failing: { critical: 0, high: 0, medium: 0, low: 0 },
      categories: { topology: 'pass', parity: 'pass', backup: 'pass' },
    },
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      kind: 'Component',
      owner: 'group:default/team-payments',
      verdict: 'not-ready',
      score: 41,
      failing: { critical: 2, high: 1, medium: 0, low: 0 },
      worstFinding: {
        checkId: 'parity.images',
        title: 'Same images on both sides',
        severity: 'critical',
        state: 'fail',
        message: 'reserve-ams runs an older image',
      },
      categories: { topology: 'pass', parity: 'fail', backup: 'unknown' },
    },
  ],
  clusters: [
    {
      entityRef: 'resource:default/prod-fra',
      title: 'Production Frankfurt',
      owner: 'group:default/platform',
      summary: cluster('prod-fra', 'primary'),
    },
  ],
  generatedAt: now,
};
