import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Simulator } from '@kube-reserve/cluster-sim';
import { KubeApi } from '@kube-reserve/control-planes';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import {
  demoReserveConfig,
  startDemoClusters,
} from '../__testUtils__/startDemoBackend';
import { reserveConfig, waitFor } from '../__testUtils__/startReserveBackend';
import { ClusterFactsStore } from '../database/ClusterFactsStore';
import { DatabaseClusterFactsStore } from '../database/DatabaseClusterFactsStore';
import { ClusterRegistry } from './ClusterRegistry';
import { ClusterSnapshots } from './ClusterSnapshots';

jest.setTimeout(120_000);

// Short heartbeats for handovers in seconds; long enough that an event loop held up for a
// moment by the other suites running beside this one does not let a lease lapse (two
// heartbeats without a renewal) and hand a cluster over when no instance died.
const HEARTBEAT_MS = 1_000;
const CLUSTERS = ['prod-fra', 'reserve-ams', 'reserve-fra-b'];

/**
 * Several backend instances on one plugin database: one collects each cluster, the others
 * read what it published; over real HTTPS to the simulated clusters, on SQLite and on
 * PostgreSQL. Requests are counted at the clusters, by the reader token every instance uses.
 */
describe('ClusterSnapshots shared by several instances', () => {
  const databases = storeDatabases();
  let sim: Simulator;
  let running: Array<{
    snapshots: ClusterSnapshots;
    kill: () => void;
    dead: boolean;
  }> = [];

  beforeAll(async () => {
    sim = await startDemoClusters();
  });
  afterAll(() => sim?.stop());
  afterEach(async () => {
    await Promise.all(
      running.filter(i => !i.dead).map(({ snapshots }) => snapshots.stop()),
    );
    running = [];
  });

  const registry = () =>
    ClusterRegistry.fromConfig(
      new ConfigReader(reserveConfig({ sim, reserve: demoReserveConfig })),
    );

  // An instance on the store; `kill` freezes it as a dead process would be: its database
  // calls never answer again and its collectors stop.
  async function startInstance(store: ClusterFactsStore, id: string) {
    let dead = false;
    let cutOff = false;
    const never = new Promise<never>(() => {});
    const frozen = new Proxy(store, {
      get(target, key) {
        const method = Reflect.get(target, key) as (
          ...args: unknown[]
        ) => unknown;
        return (...args: unknown[]) => {
          if (dead) return never;
          if (cutOff) return Promise.reject(new Error('connection refused'));
          return method.apply(target, args);
        };
      },
    });
    const logger = mockServices.logger.mock();
    const snapshots = ClusterSnapshots.create({
      registry: registry(),
      logger,
      sharing: {
        store: frozen,
        instanceId: id,
        heartbeatMs: HEARTBEAT_MS,
        secretDigestKey: await store.secretDigestKey(),
      },
    });
    await snapshots.schedule(mockServices.scheduler.mock());
    const instance = {
      snapshots,
      logger,
      // Its database calls fail from now on, as when the database is out of its reach.
      cutOff: () => {
        cutOff = true;
      },
      dead: false,
      kill: () => {
        dead = true;
        instance.dead = true;
        // Its watches end, as a process's connections do.
        void snapshots.stop();
      },
    };
    running.push(instance);
    return instance;
  }

  async function storeOn(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return DatabaseClusterFactsStore.create({
      database: { getClient: async () => knex },
    });
  }

  const readerRequests = () =>
    sim.clusters.reduce(
      (sum, cluster) =>
        sum + (cluster.requests.counts().byToken['reserve-reader'] ?? 0),
      0,
    );
  const deploymentsOf = (s: ClusterSnapshots, cluster: string) =>
    s
      .snapshot(cluster)
      .kinds.get('deployments')
      ?.items.map(item => item.metadata?.name)
      .sort();
  const everyClusterOk = (s: ClusterSnapshots) =>
    CLUSTERS.every(name => s.snapshot(name).status.state === 'ok');

  it.each(databases.eachSupportedId())(
    'collects each cluster once for three instances, each serving the same snapshots, %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      sim.clusters.forEach(cluster => cluster.requests.reset());
      const first = await startInstance(store, 'instance-a');
      await waitFor('instance a to collect every cluster', async () =>
        everyClusterOk(first.snapshots),
      );
      // Its collection cycles (the scheduler's, here by hand) see every watch open.
      await waitFor('every watch of instance a open', async () => {
        await first.snapshots.collectAll();
        return CLUSTERS.every(name =>
          Object.values(first.snapshots.snapshot(name).status.kinds)
            .filter(kind => kind.state === 'ok')
            .every(kind => kind.collection === 'watch'),
        );
      });
      const oneInstance = readerRequests();

      const others = [
        await startInstance(store, 'instance-b'),
        await startInstance(store, 'instance-c'),
      ];
      for (const other of others) {
        await waitFor('another instance to read every cluster', async () =>
          everyClusterOk(other.snapshots),
        );
      }
      // Some heartbeats later: the others read, they never called a cluster.
      await new Promise(r => setTimeout(r, 3 * HEARTBEAT_MS));
      expect((await store.leases()).map(lease => lease.holder)).toEqual(
        CLUSTERS.map(() => 'instance-a'),
      );
      expect(readerRequests()).toBe(oneInstance);
      for (const other of others) {
        for (const name of CLUSTERS) {
          expect(deploymentsOf(other.snapshots, name)).toEqual(
            deploymentsOf(first.snapshots, name),
          );
          expect(other.snapshots.snapshot(name).status).toEqual(
            first.snapshots.snapshot(name).status,
          );
        }
      }

      // A change on a cluster reaches the instances that only read, within 2 s.
      const admin = new KubeApi(
        sim.cluster('prod-fra').url,
        sim.cluster('prod-fra').token('reserve-operator'),
        sim.caPem,
      );
      const name = `kr-shared-${databaseId.toLowerCase().replace('_', '-')}`;
      const changedAt = Date.now();
      await admin.request('POST', '/api/v1/namespaces/checkout/configmaps', {
        metadata: { name },
        data: { colour: 'blue' },
      });
      await waitFor(
        'the ConfigMap on every instance',
        async () =>
          others.every(other =>
            other.snapshots
              .snapshot('prod-fra')
              .kinds.get('configmaps')
              ?.items.some(item => item.metadata?.name === name),
          ),
        2_000,
      );
      expect(Date.now() - changedAt).toBeLessThan(2_000);
      await admin.request(
        'DELETE',
        `/api/v1/namespaces/checkout/configmaps/${name}`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'hands the clusters of an instance that dies to another within three heartbeats, %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      const holder = await startInstance(store, 'instance-a');
      await waitFor('instance a to collect every cluster', async () =>
        everyClusterOk(holder.snapshots),
      );
      const survivor = await startInstance(store, 'instance-b');
      await waitFor('instance b to read every cluster', async () =>
        everyClusterOk(survivor.snapshots),
      );
      const heldBy = async () =>
        new Map((await store.leases()).map(l => [l.cluster, l.holder]));
      expect([...(await heldBy()).values()]).toEqual(
        CLUSTERS.map(() => 'instance-a'),
      );

      const secretsOf = () =>
        JSON.stringify(
          survivor.snapshots.snapshot('prod-fra').kinds.get('secrets')?.items,
        );
      const digestsPublishedByA = secretsOf();
      expect(digestsPublishedByA).toContain('keyHashes');

      holder.kill();
      const diedAt = Date.now();
      await waitFor(
        'instance b to hold every cluster',
        async () =>
          [...(await heldBy()).values()].every(h => h === 'instance-b') &&
          (await heldBy()).size === CLUSTERS.length,
        10 * HEARTBEAT_MS,
      );
      // Three heartbeats, and the 100 ms this test looks every.
      expect(Date.now() - diedAt).toBeLessThan(3 * HEARTBEAT_MS + 100);
      // It serves what the dead instance published meanwhile, then its own collection.
      for (const name of CLUSTERS) {
        expect(survivor.snapshots.snapshot(name).status.state).toBe('ok');
      }
      // Then its own collection, with its own watches.
      await waitFor('instance b to collect the clusters itself', async () =>
        CLUSTERS.every(
          name =>
            Date.parse(survivor.snapshots.snapshot(name).status.collectedAt!) >
            diedAt,
        ),
      );
      expect(everyClusterOk(survivor.snapshots)).toBe(true);
      // Its own digests of the same Secrets equal a's: the instances share the key.
      expect(secretsOf()).toBe(digestsPublishedByA);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives its clusters up at shutdown, and lists afresh for another instance after an action, %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      const holder = await startInstance(store, 'instance-a');
      await waitFor('instance a to collect every cluster', async () =>
        everyClusterOk(holder.snapshots),
      );
      const reader = await startInstance(store, 'instance-b');
      await waitFor('instance b to read every cluster', async () =>
        everyClusterOk(reader.snapshots),
      );

      // After an action on instance b, it asks the holder to list, and reads that listing.
      sim.clusters.forEach(cluster => cluster.requests.reset());
      const asked = Date.now();
      await reader.snapshots.collectNow(['reserve-ams']);
      const counts = sim.cluster('reserve-ams').requests.counts();
      expect(counts.byToken['reserve-reader']).toBeGreaterThan(20);
      expect(
        Date.parse(
          reader.snapshots.snapshot('reserve-ams').status.collectedAt!,
        ),
      ).toBeGreaterThanOrEqual(asked - 1);

      const stoppedAt = Date.now();
      await holder.snapshots.stop();
      await waitFor(
        'instance b to hold every cluster',
        async () =>
          (await store.leases()).every(l => l.holder === 'instance-b'),
        5_000,
      );
      // A lease given up is taken at the next tick, not after it lapses.
      expect(Date.now() - stoppedAt).toBeLessThan(2 * HEARTBEAT_MS);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops collecting once its leases lapse while the database does not answer it, %p',
    async databaseId => {
      const store = await storeOn(databaseId);
      const holder = await startInstance(store, 'instance-a');
      await waitFor('instance a to collect every cluster', async () =>
        everyClusterOk(holder.snapshots),
      );
      const other = await startInstance(store, 'instance-b');
      await waitFor('instance b to read every cluster', async () =>
        everyClusterOk(other.snapshots),
      );
      holder.cutOff();
      await waitFor(
        'instance b to hold every cluster',
        async () =>
          (await store.leases()).every(l => l.holder === 'instance-b'),
        10 * HEARTBEAT_MS,
      );
      const stopped = (name: string) =>
        `Stopped collecting cluster ${name}: its lease lapsed while the database did not answer`;
      await waitFor(
        'instance a to stop collecting every cluster',
        async () =>
          CLUSTERS.every(name =>
            holder.logger.info.mock.calls.some(([m]) => m === stopped(name)),
          ),
        5 * HEARTBEAT_MS,
      );
      for (const name of CLUSTERS) {
        expect(holder.logger.info).toHaveBeenCalledWith(stopped(name));
      }
    },
  );
});
