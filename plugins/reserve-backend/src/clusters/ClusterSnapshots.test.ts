import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ClusterConnection } from './ClusterConnection';
import { ClusterRegistry } from './ClusterRegistry';
import { ClusterSnapshots } from './ClusterSnapshots';

const registry = ClusterRegistry.fromConfig(
  new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'prod-fra',
              url: 'https://127.0.0.1:6443',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't1',
            },
          ],
        },
      ],
    },
    reserve: {
      clusters: { 'prod-fra': { role: 'primary', site: 'fra1' } },
      // Stale after 3 periods and a timeout: 3 × 10 s + 2 s.
      refresh: { frequency: { seconds: 10 }, timeout: { seconds: 2 } },
    },
  }),
);

// What the collector asks of a cluster; these tests answer it without a network.
type FakeCluster = Pick<
  ClusterConnection,
  'listWithVersion' | 'version' | 'servingCertificateNotAfter'
>;

/**
 * A cluster answering listings with `list`, without a resourceVersion (so nothing is watched);
 * collection itself is not under test.
 */
function fakeCluster(list: ClusterConnection['list']): FakeCluster {
  return {
    listWithVersion: async (...args) => ({ items: await list(...args) }),
    version: async () => 'v1.34.2',
    servingCertificateNotAfter: async () => new Date('2027-06-01T00:00:00Z'),
  };
}

/** Snapshots of the registry's cluster, collected from `cluster` at the injected times. */
function snapshotsOf(cluster: FakeCluster, now: () => Date) {
  jest
    .spyOn(ClusterConnection, 'create')
    .mockResolvedValue(cluster as ClusterConnection);
  return ClusterSnapshots.create({
    registry,
    logger: mockServices.logger.mock(),
    now,
  });
}

describe('ClusterSnapshots', () => {
  const collectedAt = new Date('2026-11-22T10:00:00.000Z');
  let now = collectedAt;
  let snapshots: ClusterSnapshots;

  beforeAll(async () => {
    snapshots = snapshotsOf(
      fakeCluster(async () => []),
      () => now,
    );
    await snapshots.collectAll();
  });
  afterAll(() => jest.restoreAllMocks());

  const after = (ms: number) => new Date(collectedAt.getTime() + ms);

  it('serves a snapshot as ok until it is 3 refresh periods and a timeout old', () => {
    now = after(32_000);
    expect(snapshots.snapshot('prod-fra').status).toMatchObject({
      state: 'ok',
      collectedAt: collectedAt.toISOString(),
    });
    expect(snapshots.snapshot('prod-fra').status.staleSince).toBeUndefined();
  });

  it('marks an older snapshot stale, since the collection that did not come', () => {
    now = after(32_001);
    expect(snapshots.snapshot('prod-fra').status).toMatchObject({
      state: 'stale',
      collectedAt: collectedAt.toISOString(),
      staleSince: after(10_000).toISOString(),
      message: `not refreshed since ${collectedAt.toISOString()}`,
    });
  });

  it('reads a cluster not collected yet as pending, never stale', () => {
    now = after(3_600_000);
    const uncollected = snapshotsOf(
      fakeCluster(async () => []),
      () => now,
    );
    expect(uncollected.snapshot('prod-fra').status).toEqual({
      state: 'pending',
      message: 'not collected yet',
      kinds: {},
    });
  });
});

describe('ClusterSnapshots, when some kinds fail to list', () => {
  const firstCollection = new Date('2026-11-22T10:00:00.000Z');
  let now = firstCollection;
  // Kinds (by `kind`) that answer with an error, as the Kubernetes client throws it.
  const errors = new Map<string, { code: number; body: object }>();
  const deployment = { metadata: { name: 'api', namespace: 'shop' } };
  const scriptedCluster = fakeCluster(async (_apiVersion, kind) => {
    const error = errors.get(kind);
    if (error) throw error;
    return kind === 'Deployment' || kind === 'Lease' ? [deployment] : [];
  });
  let snapshots: ClusterSnapshots;

  beforeAll(async () => {
    snapshots = snapshotsOf(scriptedCluster, () => now);
    await snapshots.collectAll();
    // The next collection, 10 s later: deployments time out, leases are forbidden.
    now = new Date(firstCollection.getTime() + 10_000);
    errors.set('Deployment', {
      code: 504,
      body: { message: 'the server was unable to return a response in time' },
    });
    errors.set('Lease', {
      code: 403,
      body: { message: 'leases.coordination.k8s.io is forbidden' },
    });
    await snapshots.collectAll();
  });
  afterAll(() => jest.restoreAllMocks());

  it('keeps serving the last good listing of a kind that failed, saying when it was taken', () => {
    const snapshot = snapshots.snapshot('prod-fra');
    expect(snapshot.kinds.get('deployments')?.items).toEqual([deployment]);
    expect(snapshot.status.kinds.deployments).toEqual({
      state: 'failed',
      message: 'the server was unable to return a response in time',
      listedAt: firstCollection.toISOString(),
    });
  });

  it('serves nothing of a forbidden kind', () => {
    const snapshot = snapshots.snapshot('prod-fra');
    expect(snapshot.kinds.has('leases')).toBe(false);
    expect(snapshot.status.kinds.leases).toEqual({
      state: 'forbidden',
      message: 'leases.coordination.k8s.io is forbidden',
    });
  });

  it('stops serving a failed kind once its listing is older than a whole snapshot may be', () => {
    // 3 periods and a timeout after the good listing; the last collection was 10 s later.
    now = new Date(firstCollection.getTime() + 32_001);
    const snapshot = snapshots.snapshot('prod-fra');
    expect(snapshot.status.state).toBe('ok');
    expect(snapshot.kinds.has('deployments')).toBe(false);
    expect(snapshot.status.kinds.deployments).not.toHaveProperty('listedAt');
    expect(snapshot.kinds.get('services')?.items).toEqual([]);
  });
});

describe('ClusterSnapshots, when the cluster stops answering', () => {
  const firstCollection = new Date('2026-11-22T10:00:00.000Z');
  let now = firstCollection;
  let refusing = false;
  const schedule = { metadata: { name: 'hourly', namespace: 'velero' } };
  const refused = Object.assign(
    new Error('connect ECONNREFUSED 127.0.0.1:6443'),
    { code: 'ECONNREFUSED' },
  );
  const cluster: FakeCluster = {
    ...fakeCluster(async (_apiVersion: string, kind: string) => {
      if (refusing) throw refused;
      return kind === 'Schedule' ? [schedule] : [];
    }),
    version: async () => {
      if (refusing) throw refused;
      return 'v1.34.2';
    },
    servingCertificateNotAfter: async () => new Date('2027-06-01T00:00:00Z'),
  };
  let snapshots: ClusterSnapshots;

  beforeAll(async () => {
    snapshots = snapshotsOf(cluster, () => now);
    await snapshots.collectAll();
    refusing = true;
    now = new Date(firstCollection.getTime() + 10_000);
    await snapshots.collectAll();
  });
  afterAll(() => jest.restoreAllMocks());

  it('keeps its last listings as last known however old they get, with the time they were taken', () => {
    // An hour later: far past the 32 s a failed kind of an answering cluster is served.
    now = new Date(firstCollection.getTime() + 3_600_000);
    const snapshot = snapshots.snapshot('prod-fra');
    expect(snapshot.status).toMatchObject({
      state: 'unreachable',
      collectedAt: firstCollection.toISOString(),
    });
    expect(snapshot.kinds.get('schedules.velero.io')?.items).toEqual([
      schedule,
    ]);
    expect(snapshot.status.kinds['schedules.velero.io']).toMatchObject({
      state: 'failed',
      listedAt: firstCollection.toISOString(),
    });
  });
});

describe('ClusterSnapshots, versions of what they serve', () => {
  const firstCollection = new Date('2026-11-22T10:00:00.000Z');
  let now = firstCollection;
  let answer: 'all' | 'no deployments' | 'nothing' = 'all';
  const cluster: FakeCluster = {
    ...fakeCluster(async (_apiVersion: string, kind: string) => {
      if (answer === 'nothing') throw new Error('connect ECONNREFUSED');
      if (answer === 'no deployments' && kind === 'Deployment') {
        throw Object.assign(new Error('timed out'), {
          code: 504,
          body: { message: 'timed out' },
        });
      }
      return [];
    }),
    version: async () => {
      if (answer === 'nothing') throw new Error('connect ECONNREFUSED');
      return 'v1.34.2';
    },
    servingCertificateNotAfter: async () => new Date('2027-06-01T00:00:00Z'),
  };
  afterEach(() => {
    jest.restoreAllMocks();
    now = firstCollection;
    answer = 'all';
  });
  const at = (ms: number) => firstCollection.getTime() + ms;

  it('changes with every collection, a failed one too', async () => {
    const snapshots = snapshotsOf(cluster, () => now);
    const pending = snapshots.servedVersion('prod-fra');
    await snapshots.collectAll();
    const collected = snapshots.servedVersion('prod-fra');
    expect(collected.collected).not.toBe(pending.collected);
    expect(snapshots.servedVersion('prod-fra').collected).toBe(
      collected.collected,
    );

    answer = 'nothing';
    await snapshots.collectAll();
    const refused = snapshots.servedVersion('prod-fra');
    expect(refused.collected).not.toBe(collected.collected);
    expect(refused.collected?.status.state).toBe('unreachable');
  });

  it('holds until the snapshot turns stale, then for good', async () => {
    const snapshots = snapshotsOf(cluster, () => now);
    await snapshots.collectAll();
    // 3 periods of 10 s and a timeout of 2 s.
    expect(snapshots.servedVersion('prod-fra').unchangedUntilMs).toBe(
      at(32_000),
    );
    now = new Date(at(32_001));
    expect(snapshots.snapshot('prod-fra').status.state).toBe('stale');
    expect(snapshots.servedVersion('prod-fra').unchangedUntilMs).toBe(Infinity);
  });

  it('holds until a failed kind stops being served, whichever comes first', async () => {
    const snapshots = snapshotsOf(cluster, () => now);
    await snapshots.collectAll();
    answer = 'no deployments';
    now = new Date(at(10_000));
    await snapshots.collectAll();
    // The deployments listed at the first collection are served until 32 s after it.
    expect(snapshots.servedVersion('prod-fra').unchangedUntilMs).toBe(
      at(32_000),
    );
    now = new Date(at(32_001));
    expect(snapshots.snapshot('prod-fra').kinds.has('deployments')).toBe(false);
    // Then the snapshot of the second collection turns stale.
    expect(snapshots.servedVersion('prod-fra').unchangedUntilMs).toBe(
      at(42_000),
    );
  });

  it('never changes by time alone for a cluster that does not answer', async () => {
    const snapshots = snapshotsOf(cluster, () => now);
    await snapshots.collectAll();
    answer = 'nothing';
    await snapshots.collectAll();
    expect(snapshots.servedVersion('prod-fra').unchangedUntilMs).toBe(Infinity);
  });
});
