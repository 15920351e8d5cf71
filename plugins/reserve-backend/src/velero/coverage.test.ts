import { CoveredObject, backupCovers } from './coverage';
import { veleroGlobMatches } from './includesExcludes';

const api: CoveredObject = {
  ref: 'Deployment shop/api',
  namespace: 'shop',
  groupResource: { resource: 'deployments', group: 'apps' },
  labels: { app: 'api', tier: 'web' },
};
const db: CoveredObject = {
  ref: 'StatefulSet shop/db',
  namespace: 'shop',
  groupResource: { resource: 'statefulsets', group: 'apps' },
  labels: { app: 'db', tier: 'data' },
};

describe('Velero namespace globs', () => {
  it.each([
    ['*', 'shop', true],
    ['sh?p', 'shop', true],
    ['sh?p', 'shoop', false],
    ['shop-*', 'shop-eu', true],
    ['shop-*', 'shop', false],
    ['[st]hop', 'thop', true],
    ['[!s]hop', 'shop', false],
    ['{shop,cart}', 'cart', true],
    ['prod-{shop,cart}-*', 'prod-cart-eu', true],
    ['!shop', 'shop', false],
  ])('%s matches %s: %s', (pattern, name, matches) => {
    expect(veleroGlobMatches(pattern, name)).toBe(matches);
  });
});

describe('backupCovers', () => {
  it('covers every namespace when includedNamespaces is empty or *', () => {
    expect(backupCovers({}, ['shop'], [api]).covers).toBe(true);
    expect(
      backupCovers({ includedNamespaces: ['*'] }, ['shop'], [api]),
    ).toEqual({
      covers: true,
      uncovered: [],
    });
  });

  it('covers a namespace matched by an include glob', () => {
    expect(
      backupCovers({ includedNamespaces: ['sh*'] }, ['shop'], [api]).covers,
    ).toBe(true);
    expect(
      backupCovers({ includedNamespaces: ['cart'] }, ['shop'], [api]),
    ).toEqual({
      covers: false,
      uncovered: ['Deployment shop/api: namespace shop not included'],
    });
  });

  it('lets an exclude glob win over an include', () => {
    const spec = {
      includedNamespaces: ['*'],
      excludedNamespaces: ['s{hop,tore}'],
    };
    expect(backupCovers(spec, ['shop'], [api]).covers).toBe(false);
  });

  it('requires every matchLabels pair of labelSelector', () => {
    const spec = {
      labelSelector: { matchLabels: { app: 'api', tier: 'web' } },
    };
    expect(backupCovers(spec, ['shop'], [api, db])).toEqual({
      covers: true,
      uncovered: ['StatefulSet shop/db: labels not selected'],
    });
  });

  it('takes objects matching any of orLabelSelectors', () => {
    const spec = {
      orLabelSelectors: [
        { matchLabels: { app: 'api' } },
        {
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['data'] }],
        },
      ],
    };
    expect(backupCovers(spec, ['shop'], [api, db])).toEqual({
      covers: true,
      uncovered: [],
    });
  });

  it('covers nothing when labelSelector and orLabelSelectors are both set, as Velero rejects it', () => {
    const spec = {
      labelSelector: { matchLabels: { app: 'api' } },
      orLabelSelectors: [{ matchLabels: { app: 'db' } }],
    };
    const coverage = backupCovers(spec, ['shop'], [api]);
    expect(coverage.covers).toBe(false);
    expect(coverage.invalid).toMatch(/both set/);
  });

  it('ignores an empty orLabelSelectors list next to labelSelector', () => {
    const spec = {
      labelSelector: { matchLabels: { app: 'api' } },
      orLabelSelectors: [],
    };
    expect(backupCovers(spec, ['shop'], [api]).covers).toBe(true);
  });

  it('does not cover workloads whose resource is excluded, by any of its names', () => {
    for (const excluded of [
      'deployments',
      'deploy',
      'Deployment',
      'deployments.apps',
      '*.apps',
    ]) {
      expect(
        backupCovers({ excludedResources: [excluded] }, ['shop'], [api]).covers,
      ).toBe(false);
    }
    expect(
      backupCovers(
        { excludedResources: ['deployments.example.com'] },
        ['shop'],
        [api],
      ).covers,
    ).toBe(true);
  });

  it('covers only the included resources', () => {
    expect(
      backupCovers(
        { includedResources: ['statefulsets', 'persistentvolumeclaims'] },
        ['shop'],
        [api, db],
      ),
    ).toEqual({
      covers: true,
      uncovered: ['Deployment shop/api: deployments.apps not included'],
    });
  });

  it('reads the scoped resource filters when the old ones are unset', () => {
    expect(
      backupCovers({ excludedNamespaceScopedResources: ['*'] }, ['shop'], [api])
        .covers,
    ).toBe(false);
    expect(
      backupCovers(
        { includedNamespaceScopedResources: ['deployments'] },
        ['shop'],
        [api],
      ).covers,
    ).toBe(true);
    // With an old filter present Velero ignores the scoped ones.
    expect(
      backupCovers(
        {
          includeClusterResources: false,
          excludedNamespaceScopedResources: ['*'],
        },
        ['shop'],
        [api],
      ).covers,
    ).toBe(true);
  });

  it('judges by namespaces when the entity has no workloads to look at', () => {
    expect(
      backupCovers({ includedNamespaces: ['shop'] }, ['shop', 'shop-jobs'], []),
    ).toEqual({
      covers: true,
      uncovered: ['namespace shop-jobs not included'],
    });
    expect(
      backupCovers({ includedNamespaces: ['cart'] }, ['shop'], []).covers,
    ).toBe(false);
  });
});
