import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { KubernetesObject } from '@kubernetes/client-node';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import {
  aContainer,
  aDeployment,
  aDrill,
  labelled,
} from '../view/__fixtures__/builders';
import { ClusterConnection } from '../clusters/ClusterConnection';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { DatabaseFailoverStore } from '../database/DatabaseFailoverStore';
import { DatabaseDrillStore } from '../database/DatabaseDrillStore';
import { ClusterOverview } from '../overview/ClusterOverview';
import { defaultPlatformThresholds } from '../platform/thresholds';
import { parsePolicyDefaults } from './policy';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(60_000);

// Each setup gets a database of its own.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const clusterNames = ['prod-fra', 'reserve-ams', 'reserve-waw'] as const;
type ClusterName = (typeof clusterNames)[number];

const config = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusterNames.map((name, i) => ({
          name,
          url: `https://127.0.0.1:${6443 + i}`,
          authProvider: 'serviceAccount',
          serviceAccountToken: 'token',
        })),
      },
    ],
  },
  reserve: {
    clusters: {
      'prod-fra': { role: 'primary', site: 'fra1', provider: 'hetzner' },
      'reserve-ams': {
        role: 'reserve',
        site: 'ams3',
        provider: 'digitalocean',
      },
      'reserve-waw': { role: 'reserve', site: 'waw1', provider: 'ovh' },
    },
    pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
    // A snapshot turns stale 3 periods and a timeout after its collection: 95 s.
    refresh: { frequency: { seconds: 30 }, timeout: { seconds: 5 } },
  },
});

const shopRef: CompoundEntityRef = {
  kind: 'component',
  namespace: 'default',
  name: 'shop',
};

function aComponent(
  name: string,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      etag: `${name}-1`,
      annotations: { 'backstage.io/kubernetes-id': name },
      ...metadata,
    },
    spec: { type: 'service', owner: 'group:default/team-a' },
  };
}

/** The entity's Deployment, labelled for it, running `image`. */
function shopApi(image = 'registry.example.com/shop/api:1.4.2') {
  return labelled(
    aDeployment('shop-api', { containers: [aContainer('api', { image })] }),
    { app: 'shop-api', 'backstage.io/kubernetes-id': 'shop' },
  );
}

const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.2:6443'), {
  code: 'ECONNREFUSED',
});

/**
 * Three clusters (shop's pair, and reserve-waw) answering from `objects` (by kind) unless refusing, a catalog of `entities`,
 * SQLite stores and a clock the test moves: collections happen when the test asks.
 */
async function setup(
  options: { assessmentMaxAgeMs?: number; assessmentsKept?: number } = {},
) {
  const clock = { now: new Date('2026-03-01T12:00:00Z') };
  const now = () => clock.now;
  const objects: Record<ClusterName, Map<string, KubernetesObject[]>> = {
    'prod-fra': new Map([['Deployment', [shopApi()]]]),
    'reserve-ams': new Map([['Deployment', [shopApi()]]]),
    'reserve-waw': new Map(),
  };
  const refusing = new Set<string>();
  jest.spyOn(ClusterConnection, 'create').mockImplementation(async cluster => {
    const name = cluster.name as ClusterName;
    const answer = async <T>(value: () => T) => {
      if (refusing.has(name)) throw refused;
      return value();
    };
    // Listings without a resourceVersion: nothing is watched, each collection lists.
    return {
      listWithVersion: (_apiVersion: string, kind: string) =>
        answer(() => ({ items: objects[name].get(kind) ?? [] })),
      version: () => answer(() => 'v1.34.2'),
      servingCertificateNotAfter: () =>
        answer(() => new Date('2027-06-01T00:00:00Z')),
    } as unknown as ClusterConnection;
  });

  const entities = new Map(
    ['shop', 'cart'].map(name => {
      const entity = aComponent(name);
      return [stringifyEntityRef(entity), entity];
    }),
  );
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async ref =>
      entities.get(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
  });

  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const drills = await DatabaseDrillStore.create({ database });
  const failovers = await DatabaseFailoverStore.create({ database });

  const registry = ClusterRegistry.fromConfig(config);
  const snapshots = ClusterSnapshots.create({
    registry,
    logger: mockServices.logger.mock(),
    now,
  });
  await snapshots.collectAll();
  const readiness = new ReadinessService({
    catalog,
    snapshots,
    clusters: new ClusterOverview({
      snapshots,
      thresholds: defaultPlatformThresholds,
      now,
    }),
    drills,
    failovers,
    defaults: parsePolicyDefaults({}),
    now,
    // Each report holds for the whole time bound (not a random share of it).
    assessmentSpread: () => 1,
    ...options,
  });

  const credentials = mockCredentials.user();
  return {
    readiness,
    snapshots,
    drills,
    failovers,
    objects,
    refusing,
    entities,
    /** Moves the clock on by `ms`. */
    wait: (ms: number) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    report: (ref: CompoundEntityRef = shopRef) =>
      readiness.getEntityReport(ref, credentials),
  };
}

function check(report: EntityReport, id: string) {
  return report.checks.find(c => c.id === id)!;
}

// A report served again is the kept judgement (the very same checks), with its clusters'
// summaries as they are now.
describe('ReadinessService, serving assessments again', () => {
  afterEach(() => jest.restoreAllMocks());

  it('serves the same report while nothing it was judged from changed, to readiness and to rollups alike', async () => {
    const { readiness, report, wait, entities } = await setup();
    const first = await report();
    wait(10_000);
    expect((await report()).checks).toBe(first.checks);
    const [rolledUp] = await readiness.reportsFor([
      entities.get('component:default/shop')!,
    ]);
    expect(rolledUp.checks).toBe(first.checks);
    expect(first.generatedAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('judges again once the primary was collected: a new image there shows at once', async () => {
    const { report, snapshots, objects, wait } = await setup();
    const before = await report();
    expect(check(before, 'parity.images').state).toBe('pass');

    objects['prod-fra'].set('Deployment', [
      shopApi('registry.example.com/shop/api:1.5.0'),
    ]);
    wait(1_000);
    await snapshots.collectNow(['prod-fra']);
    const after = await report();
    expect(after).not.toBe(before);
    expect(check(after, 'parity.images').state).toBe('fail');
    expect(after.generatedAt).toBe('2026-03-01T12:00:01.000Z');
  });

  it('judges again once the reserve was collected: a new image there shows at once', async () => {
    const { report, snapshots, objects } = await setup();
    expect(check(await report(), 'parity.images').state).toBe('pass');

    objects['reserve-ams'].set('Deployment', [
      shopApi('registry.example.com/shop/api:1.3.9'),
    ]);
    await snapshots.collectNow(['reserve-ams']);
    expect(check(await report(), 'parity.images').state).toBe('fail');
  });

  it('shows a reserve that stopped answering after its failed collection', async () => {
    const { report, snapshots, refusing } = await setup();
    expect(check(await report(), 'topology.reachable').state).toBe('pass');

    refusing.add('reserve-ams');
    await snapshots.collectNow(['reserve-ams']);
    const after = await report();
    expect(check(after, 'topology.reachable').state).toBe('fail');
    expect(
      after.clusters.find(c => c.name === 'reserve-ams')?.status.state,
    ).toBe('unreachable');
  });

  it('keeps serving a report while another cluster, outside its pair, is collected', async () => {
    const { report, snapshots } = await setup();
    const first = await report();
    await snapshots.collectNow(['reserve-waw']);
    expect((await report()).checks).toBe(first.checks);
  });

  it('judges again when the entity changed in the catalog', async () => {
    const { report, entities } = await setup();
    expect((await report()).policy.mode).toBe('warm');

    entities.set(
      'component:default/shop',
      aComponent('shop', {
        etag: 'shop-2',
        annotations: {
          'backstage.io/kubernetes-id': 'shop',
          'kube-reserve.io/mode': 'hot',
        },
      }),
    );
    expect((await report()).policy.mode).toBe('hot');
  });

  it('tells entities without an etag apart by their content', async () => {
    const { report, entities } = await setup();
    const withoutEtag = (mode: string) =>
      aComponent('shop', {
        etag: undefined,
        annotations: {
          'kube-reserve.io/mode': mode,
          'backstage.io/kubernetes-id': 'shop',
        },
      });
    entities.set('component:default/shop', withoutEtag('warm'));
    const warm = await report();
    entities.set('component:default/shop', withoutEtag('warm'));
    expect((await report()).checks).toBe(warm.checks);
    entities.set('component:default/shop', withoutEtag('hot'));
    expect((await report()).policy.mode).toBe('hot');
  });

  it('judges again after a drill was recorded', async () => {
    const { report, drills } = await setup();
    expect((await report()).backups?.drills).toEqual([]);

    await drills.recordDrills([aDrill(86_400_000)]);
    expect(
      (await report()).backups?.drills.map(drill => drill.restoreName),
    ).toEqual(['shop-drill-86400000']);
  });

  it('judges again after a failover was recorded, and after it ended', async () => {
    const { report, failovers } = await setup();
    const since = '2026-03-01T11:00:00.000Z';
    await failovers.recordFailover('component:default/shop', {
      servingCluster: 'reserve-ams',
      formerPrimary: 'prod-fra',
      since,
      by: 'user:default/alice',
      note: 'switched DNS by hand',
      pendingOnFormerPrimary: [],
    });
    const failedOver = await report();
    expect(failedOver.failover?.servingCluster).toBe('reserve-ams');
    expect(failedOver.situation?.kind).toBe('failed-over');

    await failovers.endFailover('component:default/shop', {
      at: '2026-03-01T11:30:00.000Z',
      by: 'user:default/alice',
    });
    const failedBack = await report();
    expect(failedBack.failover).toBeUndefined();
    expect(failedBack.situation).toBeUndefined();
  });

  it('judges again once the report is older than its time bound', async () => {
    const { report, wait } = await setup({ assessmentMaxAgeMs: 30_000 });
    const first = await report();
    wait(30_000);
    expect((await report()).checks).toBe(first.checks);
    wait(1);
    const later = await report();
    expect(later.checks).not.toBe(first.checks);
    expect(later.generatedAt).toBe('2026-03-01T12:00:30.001Z');
  });

  it('shows a primary not refreshed in time as stale at once, however long reports are kept', async () => {
    const { report, wait } = await setup({ assessmentMaxAgeMs: 3_600_000 });
    const first = await report();
    wait(95_000);
    expect((await report()).checks).toBe(first.checks);
    wait(1);
    const stale = await report();
    expect(stale.clusters.find(c => c.name === 'prod-fra')?.status.state).toBe(
      'stale',
    );
    expect(stale.situation?.kind).toBe('primary-unreachable');
  });

  it('keeps a bounded number of assessments, dropping the least recently used', async () => {
    const { report } = await setup({ assessmentsKept: 1 });
    const cartRef = { ...shopRef, name: 'cart' };
    const shop = await report();
    expect((await report()).checks).toBe(shop.checks);
    const cart = await report(cartRef);
    expect((await report(cartRef)).checks).toBe(cart.checks);
    expect((await report()).checks).not.toBe(shop.checks);
  });
});
