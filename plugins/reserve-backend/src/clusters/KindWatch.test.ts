import { mockServices } from '@backstage/backend-test-utils';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterConnection } from './ClusterConnection';
import { KindWatch } from './KindWatch';

type WatchOptions = Parameters<ClusterConnection['watch']>[0];

const configMap = (name: string, resourceVersion: string, colour = 'blue') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'checkout', resourceVersion },
  data: { colour },
});

/**
 * KindWatch against a connection whose watches the test drives: each `watch` call is kept,
 * and the test sends its events and ends it as an API server would.
 */
function setUp() {
  const watches: Array<WatchOptions & { stopped: boolean }> = [];
  const connection = {
    watch: async (options: WatchOptions) => {
      const watch = { ...options, stopped: false };
      watches.push(watch);
      return { stop: () => (watch.stopped = true) };
    },
  } as unknown as ClusterConnection;
  const onChange = jest.fn();
  const onExpired = jest.fn();
  const logger = mockServices.logger.mock();
  const kindWatch = new KindWatch(
    {
      key: 'configmaps',
      apiVersion: 'v1',
      compact: (item: KubernetesObject) => item,
    },
    { onChange, onExpired, logger, random: () => 0.5 },
  );
  const latest = () => watches[watches.length - 1];
  const settle = () => new Promise(resolve => setImmediate(resolve));
  return {
    connection,
    watches,
    latest,
    kindWatch,
    onChange,
    onExpired,
    settle,
  };
}

const names = (watch: KindWatch) =>
  watch.items().map(item => `${item.metadata?.name}`);

describe('KindWatch', () => {
  afterEach(() => jest.useRealTimers());

  it('watches from the listing, applies each event in API server order, and keeps the bookmark position', async () => {
    const { connection, latest, kindWatch, onChange, settle } = setUp();
    kindWatch.follow(connection, [configMap('b', '10')], '12');
    await settle();
    expect(kindWatch.live).toBe(true);
    expect(latest()).toMatchObject({
      apiVersion: 'v1',
      plural: 'configmaps',
      resourceVersion: '12',
      timeoutSeconds: 450,
    });

    latest().onEvent('ADDED', configMap('a', '13'));
    latest().onEvent('MODIFIED', configMap('b', '14', 'green'));
    latest().onEvent('DELETED', configMap('a', '15'));
    latest().onEvent('ADDED', configMap('c', '16'));
    latest().onEvent('BOOKMARK', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { resourceVersion: '20' },
    });
    expect(names(kindWatch)).toEqual(['b', 'c']);
    expect(
      (kindWatch.items()[0] as { data: Record<string, string> }).data,
    ).toEqual({ colour: 'green' });
    expect(onChange).toHaveBeenCalledTimes(4);

    // The server ends the watch at its timeout: the next one starts at the bookmark.
    latest().onEnd();
    await settle();
    expect(latest().resourceVersion).toBe('20');
    expect(kindWatch.live).toBe(true);
  });

  it('keeps the object it has when a write changed nothing the compaction keeps', async () => {
    const { connection, latest, kindWatch, onChange, settle } = setUp();
    kindWatch.follow(connection, [configMap('b', '10')], '12');
    await settle();
    const [kept] = kindWatch.items();
    const list = kindWatch.items();

    // Only the resourceVersion moved (a field nothing keeps was written).
    latest().onEvent('MODIFIED', configMap('b', '13'));
    expect(onChange).not.toHaveBeenCalled();
    expect(kindWatch.items()).toBe(list);
    expect(kindWatch.items()[0]).toBe(kept);

    latest().onEvent('MODIFIED', configMap('b', '14', 'green'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(kindWatch.items()[0]).not.toBe(kept);
  });

  it('keeps a routine change without asking for a new snapshot', async () => {
    const { connection, latest, onChange, settle } = setUp();
    const leases = new KindWatch(
      {
        key: 'leases',
        apiVersion: 'coordination.k8s.io/v1',
        compact: (item: KubernetesObject) => item,
        routine: (before, after) =>
          (before as { spec: { holderIdentity: string } }).spec
            .holderIdentity ===
          (after as { spec: { holderIdentity: string } }).spec.holderIdentity,
      },
      {
        onChange,
        onExpired: jest.fn(),
        logger: mockServices.logger.mock(),
      },
    );
    const lease = (holder: string, renewTime: string) => ({
      metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
      spec: { holderIdentity: holder, renewTime },
    });
    leases.follow(connection, [lease('a', 'T1')], '5');
    await settle();
    latest().onEvent('MODIFIED', lease('a', 'T2'));
    expect(onChange).not.toHaveBeenCalled();
    expect(leases.items()).toEqual([lease('a', 'T2')]);
    latest().onEvent('MODIFIED', lease('b', 'T3'));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('asks for a listing on 410 Gone and watches again from the new listing', async () => {
    const { connection, watches, latest, kindWatch, onExpired, settle } =
      setUp();
    kindWatch.follow(connection, [configMap('a', '10')], '12');
    await settle();
    latest().onEvent('ERROR', {
      kind: 'Status',
      code: 410,
      message: 'too old resource version: 12 (9000)',
    } as KubernetesObject);
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(kindWatch.live).toBe(false);
    expect(watches[0].stopped).toBe(true);

    kindWatch.follow(connection, [configMap('a', '9001')], '9002');
    await settle();
    expect(watches).toHaveLength(2);
    expect(latest().resourceVersion).toBe('9002');
    expect(kindWatch.live).toBe(true);
  });

  it('asks for a listing when the watch request itself is answered 410', async () => {
    const { connection, latest, kindWatch, onExpired, settle } = setUp();
    kindWatch.follow(connection, [], '12');
    await settle();
    latest().onEnd(Object.assign(new Error('Gone'), { code: 410 }));
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(kindWatch.live).toBe(false);
  });

  it('backs off after a failed watch, the kind listed meanwhile, then watches again', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { connection, watches, latest, kindWatch, settle } = setUp();
    kindWatch.follow(connection, [], '12');
    await settle();
    latest().onEnd(new Error('socket hang up'));
    expect(kindWatch.live).toBe(false);
    // 1 s, with jitter between half and all of it (0.75 s at random 0.5).
    expect(kindWatch.pollReason).toBe(
      'its watch failed (socket hang up); watching again in 1 s',
    );

    // A listing during the backoff serves the kind but opens no watch before its time.
    kindWatch.follow(connection, [configMap('a', '13')], '14');
    await settle();
    expect(watches).toHaveLength(1);
    jest.advanceTimersByTime(750);
    await settle();
    expect(watches).toHaveLength(2);
    expect(latest().resourceVersion).toBe('14');
    expect(kindWatch.live).toBe(true);
    expect(kindWatch.pollReason).toBeUndefined();
  });

  it('lists a kind the cluster refuses to watch, and tries watching again within 5 minutes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { connection, watches, latest, kindWatch, settle } = setUp();
    kindWatch.follow(connection, [], '12');
    await settle();
    latest().onEnd(
      Object.assign(new Error('Forbidden'), { statusCode: 403, code: 403 }),
    );
    expect(kindWatch.live).toBe(false);
    expect(kindWatch.pollReason).toBe(
      'the cluster refuses to watch configmaps (HTTP 403); watching again in 225 s',
    );
    jest.advanceTimersByTime(224_000);
    await settle();
    expect(watches).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    await settle();
    expect(watches).toHaveLength(2);
  });

  it('takes a watch that sent bookmarks and then fell silent for 3 minutes for dead', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { connection, watches, latest, kindWatch, settle } = setUp();
    kindWatch.follow(connection, [], '12');
    await settle();
    latest().onEvent('BOOKMARK', {
      metadata: { resourceVersion: '13' },
    } as KubernetesObject);
    jest.advanceTimersByTime(179_000);
    expect(kindWatch.live).toBe(true);
    jest.advanceTimersByTime(1_000);
    expect(watches[0].stopped).toBe(true);
    expect(kindWatch.pollReason).toMatch(
      /^its watch failed \(no event nor bookmark for 3 min\)/,
    );
  });

  it('takes a watch that neither sends nor ends past its timeout for dead', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { connection, watches, kindWatch, settle } = setUp();
    kindWatch.follow(connection, [], '12');
    await settle();
    jest.advanceTimersByTime(450_000 + 60_000);
    expect(watches[0].stopped).toBe(true);
    expect(kindWatch.live).toBe(false);
    expect(kindWatch.pollReason).toMatch(
      /^its watch failed \(no event nor bookmark past its timeout\)/,
    );
  });
});
