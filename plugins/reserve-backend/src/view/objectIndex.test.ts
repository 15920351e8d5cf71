import { Entity } from '@backstage/catalog-model';
import type { KubernetesObject } from '@kubernetes/client-node';
import { selectEntityObjects } from './entitySelection';
import { selectObjects } from './objectIndex';

// A listing as an API server sends it (by namespace, then name), with labels drawn from a
// small set so that selectors hit, miss and overlap.
function listing(size: number, seed: number): KubernetesObject[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const items = Array.from({ length: size }, (_x, i) => {
    const labels: Record<string, string> = {};
    if (next(4) > 0) labels['backstage.io/kubernetes-id'] = `svc-${next(6)}`;
    if (next(2)) labels.tier = ['web', 'db', 'batch'][next(3)];
    if (next(5) === 0) labels.legacy = '';
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: `w-${String(i).padStart(4, '0')}`,
        namespace: `ns-${next(5)}`,
        ...(next(10) > 0 ? { labels } : {}),
      },
    };
  });
  return items.sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}` <
    `${b.metadata.namespace}/${b.metadata.name}`
      ? -1
      : 1,
  );
}

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc-1', annotations },
  spec: {},
});

const selections = (
  [
    {},
    { 'backstage.io/kubernetes-id': 'svc-3' },
    { 'backstage.io/kubernetes-namespace': 'ns-2' },
    { 'backstage.io/kubernetes-label-selector': 'tier in (web,db)' },
    { 'backstage.io/kubernetes-label-selector': 'tier=web,legacy' },
    { 'backstage.io/kubernetes-label-selector': '!legacy' },
    { 'backstage.io/kubernetes-label-selector': 'tier notin (db)' },
    { 'backstage.io/kubernetes-label-selector': 'legacy=' },
    { 'backstage.io/kubernetes-label-selector': 'tier in (' },
  ] as Array<Record<string, string>>
).map(annotations => selectEntityObjects(entity(annotations)));

const namespaceSets = [
  undefined,
  [],
  ['ns-1'],
  ['ns-3', 'ns-0'],
  ['ns-4', 'ns-4', 'ns-9'],
];

describe('selectObjects', () => {
  it('finds what filtering the listing finds, in the listing order, for every selector and namespace set', () => {
    for (const seed of [1, 7, 42]) {
      const items = listing(400, seed);
      for (const selection of [undefined, ...selections]) {
        for (const namespaces of namespaceSets) {
          const expected = items.filter(
            item =>
              (!namespaces ||
                namespaces.includes(item.metadata?.namespace ?? '')) &&
              (!selection || selection.owns(item, namespaces)),
          );
          const found = selectObjects(items, { namespaces, selection });
          expect(found).toEqual(expected);
          expect(found.every((item, i) => item === expected[i])).toBe(true);
        }
      }
    }
  });

  it('looks up by the first equality or set requirement, and not by a negative one', () => {
    const [, byId, , inSet, withExists, negated, notIn] = selections;
    expect(byId.lookup).toEqual({
      key: 'backstage.io/kubernetes-id',
      values: ['svc-3'],
    });
    expect(inSet.lookup).toEqual({ key: 'tier', values: ['web', 'db'] });
    expect(withExists.lookup).toEqual({ key: 'tier', values: ['web'] });
    expect(negated.lookup).toBeUndefined();
    expect(notIn.lookup).toBeUndefined();
  });

  it('sees a changed listing: the index belongs to the listing it was built from', () => {
    const items = listing(50, 3);
    const selection = selections[1];
    const before = selectObjects(items, { selection });
    const added = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'new',
        namespace: 'ns-0',
        labels: { 'backstage.io/kubernetes-id': 'svc-3' },
      },
    };
    expect(selectObjects([...items, added], { selection })).toEqual([
      ...before,
      added,
    ]);
  });
});
