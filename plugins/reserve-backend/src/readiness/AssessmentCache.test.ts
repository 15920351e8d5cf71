import { Entity } from '@backstage/catalog-model';
import { ClusterSnapshot, pendingSnapshot } from '../clusters/ClusterSnapshot';
import { ServedSnapshotVersion } from '../clusters/ClusterSnapshots';
import { AssessmentCache, assessmentInputs } from './AssessmentCache';

const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations: { 'kube-reserve.io/mode': 'warm' } },
  spec: { type: 'service', owner: 'team-a' },
};

/** A cache over clusters whose collected snapshots the test replaces. */
function aCache(options: { maxAgeMs?: number; maxEntries?: number } = {}) {
  const collected = new Map<string, ClusterSnapshot>([
    ['prod-fra', pendingSnapshot('prod-fra')],
  ]);
  const cache = new AssessmentCache<string>({
    snapshots: {
      servedVersion: (name: string): ServedSnapshotVersion => ({
        collected: collected.get(name),
        unchangedUntilMs: Infinity,
      }),
    },
    maxAgeMs: options.maxAgeMs ?? 30_000,
    spread: () => 1,
    maxEntries: options.maxEntries ?? 100,
  });
  return { cache, collected };
}

describe('assessmentInputs', () => {
  it('reads an entity without an etag by its content, whatever the order of its keys', () => {
    const reordered: Entity = {
      spec: { owner: 'team-a', type: 'service' },
      metadata: {
        annotations: { 'kube-reserve.io/mode': 'warm' },
        name: 'shop',
      },
      kind: 'Component',
      apiVersion: 'backstage.io/v1alpha1',
    };
    expect(assessmentInputs(reordered, [], undefined)).toEqual(
      assessmentInputs(shop, [], undefined),
    );
  });

  it('reads an entity with an etag by its etag', () => {
    const tagged = { ...shop, metadata: { ...shop.metadata, etag: 'abc' } };
    expect(assessmentInputs(tagged, [], undefined).entity).toBe('abc');
  });
});

describe('AssessmentCache', () => {
  const inputs = assessmentInputs(shop, [], undefined);

  it('drops, when swept, the assessments whose snapshots were replaced or whose time is up', () => {
    const { cache, collected } = aCache({ maxAgeMs: 30_000 });
    cache.set('component:default/shop', inputs, ['prod-fra'], 'shop', 0);
    cache.set('component:default/cart', inputs, [], 'cart', 20_000);
    cache.set('component:default/docs', inputs, [], 'docs', 1_000);
    collected.set('prod-fra', pendingSnapshot('prod-fra'));

    cache.dropOutdated(40_000);
    expect(cache.size).toBe(1);
    expect(cache.get('component:default/cart', inputs, 40_000)).toBe('cart');
  });

  it('sweeps by itself once per time bound as assessments are kept', () => {
    const { cache } = aCache({ maxAgeMs: 30_000 });
    cache.set('component:default/shop', inputs, [], 'shop', 0);
    // A sweep at 30 s: shop holds until then.
    cache.set('component:default/cart', inputs, [], 'cart', 30_000);
    cache.set('component:default/docs', inputs, [], 'docs', 30_001);
    expect(cache.size).toBe(3);
    // The next sweep, 30 s later, drops shop.
    cache.set('component:default/blog', inputs, [], 'blog', 60_000);
    expect(cache.size).toBe(3);
    expect(cache.get('component:default/shop', inputs, 0)).toBeUndefined();
  });

  it('spreads the time bounds between half and all of maxAgeMs', () => {
    const shares = [0.5, 1];
    const spread = new AssessmentCache<string>({
      snapshots: { servedVersion: () => ({ unchangedUntilMs: Infinity }) },
      maxAgeMs: 30_000,
      maxEntries: 10,
      spread: () => shares.shift()!,
    });
    spread.set('component:default/shop', inputs, [], 'shop', 0);
    spread.set('component:default/cart', inputs, [], 'cart', 0);
    expect(
      spread.get('component:default/shop', inputs, 15_001),
    ).toBeUndefined();
    expect(spread.get('component:default/cart', inputs, 15_001)).toBe('cart');
  });

  it('holds across a later snapshot judged alike, and not across one with a changed list', () => {
    const { cache, collected } = aCache();
    const items = [{ apiVersion: 'v1', kind: 'ConfigMap' }];
    const collectedAt = (at: string, list = items): ClusterSnapshot => ({
      name: 'prod-fra',
      status: { state: 'ok', collectedAt: at, kinds: {} },
      kinds: new Map([
        ['configmaps', { items: list, fetchedAt: new Date(at) }],
      ]),
    });
    collected.set('prod-fra', collectedAt('2026-03-01T12:00:00Z'));
    cache.set('component:default/shop', inputs, ['prod-fra'], 'shop', 0);

    // The next collection: a new snapshot, the same watched list.
    collected.set('prod-fra', collectedAt('2026-03-01T12:00:30Z'));
    expect(cache.get('component:default/shop', inputs, 1_000)).toBe('shop');
    // One more with the list changed (a new list, though its content is equal).
    collected.set('prod-fra', collectedAt('2026-03-01T12:01:00Z', [...items]));
    expect(cache.get('component:default/shop', inputs, 2_000)).toBeUndefined();
  });
});
