import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Simulator } from '@kube-reserve/cluster-sim';
import { KubeApi } from '@kube-reserve/control-planes';
import {
  demoReserveConfig,
  startDemoClusters,
} from '../__testUtils__/startDemoBackend';
import { configMapValueHash } from '../__testUtils__/configMapHashes';
import { reserveConfig, waitFor } from '../__testUtils__/startReserveBackend';
import { ClusterRegistry } from './ClusterRegistry';
import { ClusterSnapshots } from './ClusterSnapshots';
import { COLLECTED_KINDS } from './collectedKinds';

jest.setTimeout(60_000);

const configMaps = '/api/v1/namespaces/checkout/configmaps';
const mergePatch = 'application/merge-patch+json';

/**
 * The collector on the demo clusters over real HTTPS: after a first listing it watches each
 * kind, so a change reaches the snapshot without another collection, and a collection lists
 * only what no watch keeps current. The requests are counted where a real cluster would feel
 * them: at the (simulated) API server, by the reader token the collector uses.
 */
describe('ClusterSnapshots with watches', () => {
  let sim: Simulator;
  let snapshots: ClusterSnapshots | undefined;

  beforeAll(async () => {
    sim = await startDemoClusters();
  });
  afterAll(() => sim?.stop());
  afterEach(() => {
    snapshots?.stop();
    snapshots = undefined;
    sim.clusters.forEach(cluster => cluster.faults.clear());
  });

  const start = async (refresh: object = {}) => {
    const config = reserveConfig({
      sim,
      reserve: {
        ...demoReserveConfig,
        refresh: { ...demoReserveConfig.refresh, ...refresh },
      },
    });
    snapshots = ClusterSnapshots.create({
      registry: ClusterRegistry.fromConfig(new ConfigReader(config)),
      logger: mockServices.logger.mock(),
    });
    await snapshots.collectAll();
    return snapshots;
  };
  const prodFra = () => sim.clusters.find(c => c.name === 'prod-fra')!;
  const admin = () =>
    new KubeApi(
      sim.cluster('prod-fra').url,
      sim.cluster('prod-fra').token('reserve-operator'),
      sim.caPem,
    );
  const readerRequests = () =>
    prodFra().requests.counts().byToken['reserve-reader'] ?? 0;
  const configMap = (s: ClusterSnapshots, name: string) =>
    s
      .snapshot('prod-fra')
      .kinds.get('configmaps')
      ?.items.find(item => item.metadata?.name === name) as
      | { keyHashes?: Record<string, string> }
      | undefined;

  const everyKindWatched = (s: ClusterSnapshots) =>
    waitFor('every watch on prod-fra open', async () =>
      Object.values(s.snapshot('prod-fra').status.kinds)
        .filter(kind => kind.state === 'ok')
        .every(kind => kind.collection === 'watch'),
    );

  it('shows a change within a second, without listing again, and reports every kind watched', async () => {
    const s = await start();
    await everyKindWatched(s);
    prodFra().requests.reset();

    const changedAt = Date.now();
    await admin().request('POST', configMaps, {
      metadata: { name: 'kr-watched' },
      data: { colour: 'blue' },
    });
    await waitFor(
      'the new ConfigMap in the snapshot',
      async () => configMap(s, 'kr-watched') !== undefined,
      2_000,
    );
    await admin().request(
      'PATCH',
      `${configMaps}/kr-watched`,
      { data: { colour: 'green' } },
      mergePatch,
    );
    await waitFor(
      'the change in the snapshot',
      async () =>
        configMap(s, 'kr-watched')?.keyHashes?.colour ===
        configMapValueHash('green'),
      2_000,
    );
    await admin().request('DELETE', `${configMaps}/kr-watched`);
    await waitFor(
      'the ConfigMap gone from the snapshot',
      async () => configMap(s, 'kr-watched') === undefined,
      2_000,
    );
    expect(Date.now() - changedAt).toBeLessThan(6_000);
    // The changes came over the open watches: no request from the collector.
    expect(readerRequests()).toBe(0);

    // A collection with every watch open asks only for the version.
    await s.collectAll();
    expect(readerRequests()).toBe(1);
    expect(s.snapshot('prod-fra').status.state).toBe('ok');
  });

  it('lists every kind every collection with reserve.refresh.watch false, and says so', async () => {
    const s = await start({ watch: false });
    prodFra().requests.reset();
    await s.collectAll();
    expect(readerRequests()).toBe(COLLECTED_KINDS.length + 1);
    expect(s.snapshot('prod-fra').status.kinds.deployments).toMatchObject({
      state: 'ok',
      collection: 'poll',
      pollReason: 'watching is turned off (reserve.refresh.watch)',
    });
  });

  it('meets a fault switched on after the watches opened at the next collection', async () => {
    const s = await start();
    await everyKindWatched(s);
    prodFra().faults.set({ errorResources: ['configmaps'] });
    await waitFor('configmaps failed', async () => {
      await s.collectAll();
      return s.snapshot('prod-fra').status.kinds.configmaps?.state === 'failed';
    });
    // The other kinds stay watched.
    expect(s.snapshot('prod-fra').status.kinds.deployments?.collection).toBe(
      'watch',
    );
    prodFra().faults.clear();
    await waitFor('configmaps listed again', async () => {
      await s.collectAll();
      return s.snapshot('prod-fra').status.kinds.configmaps?.state === 'ok';
    });
    expect(s.snapshot('prod-fra').status.kinds.configmaps).toMatchObject({
      collection: 'poll',
      pollReason: expect.stringMatching(
        /^its watch failed \(.*\); watching again in \d+ s$/,
      ),
    });
  });
});
