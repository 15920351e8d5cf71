import { spreadRulesOf } from './spreadRules';

const podLabels = { app: 'api', 'pod-template-hash': '5d4f' };

describe('spreadRulesOf', () => {
  it('merges matchLabelKeys into a spread constraint\u2019s selector with the pod\u2019s own values', () => {
    const [rule] = spreadRulesOf(
      {
        containers: [],
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'api' } },
            matchLabelKeys: ['pod-template-hash', 'missing'],
          },
        ],
      },
      podLabels,
    );
    expect(rule.selector).toEqual({
      matchLabels: { app: 'api' },
      matchExpressions: [
        { key: 'pod-template-hash', operator: 'In', values: ['5d4f'] },
      ],
    });
  });

  it('keeps a missing labelSelector missing, whatever matchLabelKeys say', () => {
    const [rule] = spreadRulesOf(
      {
        containers: [],
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: 'DoNotSchedule',
            matchLabelKeys: ['app'],
          },
        ],
      },
      podLabels,
    );
    expect(rule.selector).toBeUndefined();
  });

  it('reads which namespaces an anti-affinity term looks at', () => {
    const term = (extra: object) => ({
      topologyKey: 'kubernetes.io/hostname',
      labelSelector: { matchLabels: { app: 'api' } },
      ...extra,
    });
    const rules = spreadRulesOf(
      {
        containers: [],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              term({}),
              term({ namespaceSelector: {} }),
              term({ namespaces: ['a'] }),
              term({ namespaceSelector: { matchLabels: { team: 'x' } } }),
            ],
          },
        },
      },
      podLabels,
    );
    expect(rules.map(r => r.namespaces)).toEqual([
      { scope: 'own' },
      { scope: 'all' },
      { scope: 'listed', names: ['a'], byLabels: false },
      { scope: 'listed', names: [], byLabels: true },
    ]);
  });
});
