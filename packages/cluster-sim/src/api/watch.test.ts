import * as k8s from '@kubernetes/client-node';
import { startSimulator, Simulator } from '../simulator';
import {
  clientsFor,
  eventually,
  shopCluster,
} from '../__testUtils__/testClusters';

describe('watching objects', () => {
  let sim: Simulator;
  let api: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startSimulator({ clusters: [shopCluster('alpha')], pace: 20 });
    api = clientsFor(sim, 'alpha');
  });
  afterAll(() => sim.stop());

  async function collect(
    path: string,
    query: Record<string, string | number | boolean>,
  ) {
    const events: {
      type: string;
      name?: string;
      rv?: string;
      labels?: Record<string, string>;
    }[] = [];
    let ended = false;
    const controller = await new k8s.Watch(api.kc).watch(
      path,
      query,
      (type, obj) =>
        events.push({
          type,
          name: obj?.metadata?.name,
          rv: obj?.metadata?.resourceVersion,
          labels: obj?.metadata?.labels,
        }),
      () => {
        ended = true;
      },
    );
    return { events, controller, ended: () => ended };
  }

  it('streams ADDED, MODIFIED and DELETED events from a resourceVersion', async () => {
    const list = await api.core.listNamespacedConfigMap({ namespace: 'shop' });
    const watch = await collect('/api/v1/namespaces/shop/configmaps', {
      resourceVersion: list.metadata!.resourceVersion!,
    });
    await api.core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'w1' } },
    });
    await api.core.patchNamespacedConfigMap(
      { namespace: 'shop', name: 'w1', body: { data: { a: '1' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await api.core.deleteNamespacedConfigMap({ namespace: 'shop', name: 'w1' });
    // Only w1's: the namespace's kube-root-ca.crt may be published meanwhile.
    const own = () => watch.events.filter(e => e.name === 'w1');
    await eventually(() => own().length >= 3);
    watch.controller.abort();
    expect(own().map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED w1',
      'MODIFIED w1',
      'DELETED w1',
    ]);
    const rvs = own().map(e => Number(e.rv));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
  });

  it('starts with the current objects when no resourceVersion is given, and honours selectors', async () => {
    const watch = await collect('/apis/apps/v1/namespaces/shop/deployments', {
      labelSelector: 'tier=frontend',
    });
    await eventually(() => watch.events.length >= 1);
    watch.controller.abort();
    expect(watch.events[0]).toMatchObject({ type: 'ADDED', name: 'web' });
    expect(watch.events.every(e => e.name === 'web')).toBe(true);
  });

  it('deletes an object leaving the selector for the watch, with its last selected labels, as the API server does', async () => {
    const list = await api.core.listNamespacedConfigMap({ namespace: 'shop' });
    const watch = await collect('/api/v1/namespaces/shop/configmaps', {
      resourceVersion: list.metadata!.resourceVersion!,
      labelSelector: 'watched=yes',
    });
    await api.core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'leaves', labels: { watched: 'yes' } } },
    });
    const relabelled = await api.core.patchNamespacedConfigMap(
      {
        namespace: 'shop',
        name: 'leaves',
        body: { metadata: { labels: { watched: 'no' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await eventually(() => watch.events.length >= 2);
    watch.controller.abort();
    expect(watch.events.map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED leaves',
      'DELETED leaves',
    ]);
    expect(watch.events[1].rv).toBe(relabelled.metadata!.resourceVersion);
    expect(watch.events[1].labels).toEqual({ watched: 'yes' });
  });

  it('sends bookmarks when allowed and ends the stream at timeoutSeconds', async () => {
    const watch = await collect('/api/v1/namespaces', {
      resourceVersion: String(sim.cluster('alpha').objects.resourceVersion),
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
    });
    await eventually(() => watch.ended(), 3000);
    expect(watch.events.some(e => e.type === 'BOOKMARK')).toBe(true);
  });

  it('replays the changes made after an older resourceVersion', async () => {
    const start = sim.cluster('alpha').objects.resourceVersion;
    await api.core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'replayed' } },
    });
    const watch = await collect('/api/v1/configmaps', {
      resourceVersion: start,
    });
    await eventually(() => watch.events.length >= 1);
    watch.controller.abort();
    expect(watch.events[0]).toMatchObject({ type: 'ADDED', name: 'replayed' });
  });
});
