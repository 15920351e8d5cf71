import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogMirror } from './CatalogMirror';

const component = (name: string, etag: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    etag,
    annotations: { 'kube-reserve.io/clusters': 'prod,spare' },
    description: 'not read by Kube Reserve',
  },
  spec: { type: 'service', owner: 'group:default/team-a', lifecycle: 'x' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default', etag: 'g1' },
  spec: { type: 'team', children: [] },
};
const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'shop-api', namespace: 'default', etag: 'a1' },
  spec: { type: 'openapi', owner: 'team-a', definition: '{}' },
};

describe('CatalogMirror', () => {
  function mirrorOf(entities: Entity[], now: () => number = Date.now) {
    const catalog = catalogServiceMock({ entities });
    const mirror = new CatalogMirror({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      kinds: ['Component', 'Resource'],
      frequencyMs: 10_000,
      now,
    });
    return { catalog, mirror };
  }

  it('holds the configured kinds and Groups, with only the fields it reads', async () => {
    const { mirror } = mirrorOf([component('shop', 'e1'), group, api]);
    expect(mirror.trusted).toBe(false);
    expect(mirror.get('component:default/shop')).toBeUndefined();

    await mirror.read();

    expect(mirror.trusted).toBe(true);
    expect(mirror.get('component:default/shop')).toEqual({
      kind: 'Component',
      metadata: {
        name: 'shop',
        namespace: 'default',
        etag: 'e1',
        annotations: { 'kube-reserve.io/clusters': 'prod,spare' },
      },
      spec: { type: 'service', owner: 'group:default/team-a' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
    });
    expect(
      mirror.get({ kind: 'group', namespace: 'default', name: 'team-a' }),
    ).toBeDefined();
    expect(mirror.get('api:default/shop-api')).toBeUndefined();
    expect(mirror.list(['component']).map(e => e.metadata.name)).toEqual([
      'shop',
    ]);
  });

  it('tells which entities changed, were added or were removed', async () => {
    const { catalog, mirror } = mirrorOf([
      component('shop', 'e1'),
      component('cart', 'c1'),
    ]);
    const seen: string[][] = [];
    mirror.onChange(changed => seen.push([...changed].sort()));
    await mirror.read();
    expect(seen).toEqual([
      ['component:default/cart', 'component:default/shop'],
    ]);

    const entities = [component('shop', 'e2'), component('checkout', 'k1')];
    jest
      .spyOn(catalog, 'getEntities')
      .mockImplementation(async () => ({ items: entities }));
    await mirror.read();
    expect(seen[1]).toEqual([
      'component:default/cart',
      'component:default/checkout',
      'component:default/shop',
    ]);
    // The same again: nothing to tell.
    await mirror.read();
    expect(seen).toHaveLength(2);
  });

  it('is not trusted once reads have failed for three periods', async () => {
    let nowMs = 1_000_000;
    const { catalog, mirror } = mirrorOf(
      [component('shop', 'e1')],
      () => nowMs,
    );
    await mirror.read();
    jest
      .spyOn(catalog, 'getEntities')
      .mockRejectedValue(new Error('catalog down'));
    await expect(mirror.read()).rejects.toThrow('catalog down');
    nowMs += 60_000;
    expect(mirror.get('component:default/shop')).toBeDefined();
    // Three periods of 10 s and a read's timeout of 60 s.
    nowMs += 30_001;
    expect(mirror.trusted).toBe(false);
    expect(mirror.get('component:default/shop')).toBeUndefined();
    expect(mirror.list(['Component'])).toEqual([]);
  });
});
