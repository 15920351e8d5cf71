import { mockServices } from '@backstage/backend-test-utils';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterCollector } from './ClusterCollector';
import { ClusterConnection } from './ClusterConnection';
import { SecretDigester } from './secretDigest';

const deployment = (name: string, annotations?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', labels: { app: name }, annotations },
  spec: { replicas: 2 },
});

/** A collector of one cluster whose listings answer `deployments` for Deployments. */
function collectorOf(deployments: () => Promise<KubernetesObject[]>) {
  const logger = mockServices.logger.mock();
  // Listings without a resourceVersion: nothing to watch from, so every cycle lists.
  const connection = {
    listWithVersion: async (_apiVersion: string, kind: string) => ({
      items: kind === 'Deployment' ? await deployments() : [],
    }),
    version: async () => 'v1.34.2',
    servingCertificateNotAfter: async () => new Date('2027-06-01T00:00:00Z'),
  };
  const collector = new ClusterCollector(
    'prod-fra',
    async () => connection as unknown as ClusterConnection,
    { veleroNamespace: 'velero', secrets: new SecretDigester(), logger },
  );
  return { collector, logger };
}

describe('ClusterCollector, when a cluster answers a malformed listing', () => {
  it('skips an object without metadata, keeps the others and says so for the kind', async () => {
    const { collector, logger } = collectorOf(async () => [
      deployment('checkout'),
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1 } },
    ]);
    await collector.collect();
    await collector.collect();

    const { snapshot } = collector;
    expect(snapshot.status.state).toBe('ok');
    expect(snapshot.status.kinds.deployments).toEqual({
      collection: 'poll',
      pollReason: 'its listing carried no resourceVersion to watch from',
      state: 'ok',
      message: 'skipped 1 object without metadata.name',
    });
    expect(
      snapshot.kinds.get('deployments')!.items.map(i => i.metadata?.name),
    ).toEqual(['checkout']);
    // Logged when it starts, not on every collection it lasts.
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Cluster prod-fra listed deployments with problems: skipped 1 object without metadata.name',
    );
  });

  it('drops a 10 MB annotation no API server would store, keeping the object and its other annotations', async () => {
    const { collector } = collectorOf(async () => [
      deployment('checkout', {
        'example.com/owner': 'payments',
        'example.com/padding': 'x'.repeat(10 * 1024 * 1024),
      }),
      deployment('cart'),
    ]);
    await collector.collect();

    const { snapshot } = collector;
    expect(snapshot.status.kinds.deployments).toEqual({
      collection: 'poll',
      pollReason: 'its listing carried no resourceVersion to watch from',
      state: 'ok',
      message:
        "dropped annotations past the API server's 256 KiB limit from shop/checkout: example.com/padding (10.0 MB)",
    });
    const [checkout, cart] = snapshot.kinds.get('deployments')!.items;
    expect(checkout.metadata?.annotations).toEqual({
      'example.com/owner': 'payments',
    });
    expect(cart.metadata?.name).toBe('cart');
  });

  it('marks a kind whose answer is not JSON failed, naming that, and keeps the cluster ok', async () => {
    let broken = false;
    const { collector } = collectorOf(async () => {
      if (broken) {
        throw new SyntaxError('Unexpected end of JSON input');
      }
      return [deployment('checkout')];
    });
    await collector.collect();
    broken = true;
    await collector.collect();

    const { snapshot } = collector;
    expect(snapshot.status.state).toBe('ok');
    expect(snapshot.status.kinds.deployments).toEqual({
      state: 'failed',
      message: 'the answer is not valid JSON (it ends too early)',
    });
    // The last good listing stays for the snapshots to serve while it is young enough.
    expect(
      snapshot.kinds.get('deployments')!.items.map(i => i.metadata?.name),
    ).toEqual(['checkout']);
  });
});

describe('ClusterCollector, when a polled kind did not change', () => {
  it('keeps the objects of the last listing, so that reports judged from them stay', async () => {
    let replicas = 2;
    const { collector } = collectorOf(async () => [
      { ...deployment('checkout'), spec: { replicas } },
    ]);
    await collector.collect();
    const first = collector.snapshot.kinds.get('deployments')!.items;
    await collector.collect();
    expect(collector.snapshot.kinds.get('deployments')!.items).toBe(first);

    replicas = 3;
    await collector.collect();
    const changed = collector.snapshot.kinds.get('deployments')!.items;
    expect(changed).not.toBe(first);
    expect((changed[0] as { spec: { replicas: number } }).spec.replicas).toBe(
      3,
    );
  });
});

describe('ClusterCollector, when collections overlap', () => {
  it('runs a collection asked for during another after it, so the newer listing is the one kept', async () => {
    const answers: Array<(items: KubernetesObject[]) => void> = [];
    const { collector } = collectorOf(
      () => new Promise(resolve => answers.push(resolve)),
    );
    const scheduled = collector.collect();
    const afterAnAction = collector.collect();
    // Only the first cycle is listing: the second waits for it.
    await new Promise(resolve => setImmediate(resolve));
    expect(answers).toHaveLength(1);
    answers[0]([deployment('before-the-action')]);
    await scheduled;
    await new Promise(resolve => setImmediate(resolve));
    answers[1]([deployment('after-the-action')]);
    await afterAnAction;
    expect(
      collector.snapshot.kinds
        .get('deployments')!
        .items.map(item => item.metadata?.name),
    ).toEqual(['after-the-action']);
  });
});

describe('ClusterCollector, keeping only what is read', () => {
  it("keeps a Node's labels, taints, conditions and kubelet version, not the images its kubelet holds", async () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'fra1-w-1',
        labels: { 'topology.kubernetes.io/zone': 'a' },
      },
      spec: { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        nodeInfo: { kubeletVersion: 'v1.34.2', bootID: 'f3c1' },
        images: Array.from({ length: 300 }, (_x, i) => ({
          names: [`registry.example.com/app-${i}@sha256:${'0'.repeat(64)}`],
          sizeBytes: 1000 + i,
        })),
        volumesInUse: ['kubernetes.io/csi/disk-1'],
        volumesAttached: [{ name: 'kubernetes.io/csi/disk-1', devicePath: '' }],
      },
    };
    const connection = {
      listWithVersion: async (_apiVersion: string, kind: string) => ({
        items: kind === 'Node' ? [node] : [],
      }),
      version: async () => 'v1.34.2',
      servingCertificateNotAfter: async () => new Date('2027-06-01T00:00:00Z'),
    };
    const collector = new ClusterCollector(
      'prod-fra',
      async () => connection as unknown as ClusterConnection,
      {
        veleroNamespace: 'velero',
        secrets: new SecretDigester(),
        logger: mockServices.logger.mock(),
      },
    );
    await collector.collect();
    expect(collector.snapshot.kinds.get('nodes')!.items).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: node.metadata,
        spec: node.spec,
        status: {
          conditions: node.status.conditions,
          nodeInfo: { kubeletVersion: 'v1.34.2' },
        },
      },
    ]);
  });
});
