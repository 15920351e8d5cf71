import { Entity } from '@backstage/catalog-model';
import {
  builtInPolicyDefaults,
  parsePolicyDefaults,
  readEntityPolicy,
} from './policy';

const pairs = [
  { primary: 'prod-fra', reserves: ['reserve-ams'] },
  { primary: 'prod-nyc', reserves: ['reserve-tor', 'reserve-chi'] },
];

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop', annotations },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
}

const policyOf = (annotations: Record<string, string> = {}) =>
  readEntityPolicy(component(annotations), builtInPolicyDefaults, pairs);

describe('readEntityPolicy', () => {
  it('gives an entity without annotations the defaults and the first configured pair', () => {
    expect(policyOf()).toEqual({
      mode: 'warm',
      replicaRatio: { primary: 6, reserve: 4 },
      rpo: { ms: 86_400_000, text: '24h' },
      rto: { ms: 3_600_000, text: '1h' },
      drillInterval: { ms: 7_776_000_000, text: '90d' },
      siteConfig: [],
      externalServices: [],
      cronJobs: 'primary-only',
      clusters: { primary: 'prod-fra', reserves: ['reserve-ams'] },
      problems: [],
    });
  });

  it('reads every annotation over the defaults', () => {
    const policy = policyOf({
      'kube-reserve.io/mode': 'hot',
      'kube-reserve.io/replica-ratio': '3:2',
      'kube-reserve.io/rpo': '1h',
      'kube-reserve.io/rto': '15m',
      'kube-reserve.io/drill-interval': '30d',
      'kube-reserve.io/site-config': 'db-config, db-credentials',
      'kube-reserve.io/external-services': 'db,payments-api',
      'kube-reserve.io/cronjobs': 'everywhere',
    });
    expect(policy).toMatchObject({
      mode: 'hot',
      replicaRatio: { primary: 3, reserve: 2 },
      rpo: { ms: 3_600_000, text: '1h' },
      rto: { ms: 900_000, text: '15m' },
      drillInterval: { ms: 2_592_000_000, text: '30d' },
      siteConfig: ['db-config', 'db-credentials'],
      externalServices: ['db', 'payments-api'],
      cronJobs: 'everywhere',
      problems: [],
    });
  });

  it('takes the reserves of the configured pair whose primary the annotation names', () => {
    expect(
      policyOf({ 'kube-reserve.io/clusters': 'primary=prod-nyc' }).clusters,
    ).toEqual({
      primary: 'prod-nyc',
      reserves: ['reserve-tor', 'reserve-chi'],
    });
  });

  it('reads several reserves after one reserves= key', () => {
    expect(
      policyOf({
        'kube-reserve.io/clusters':
          'primary=prod-fra,reserves=reserve-ams,reserve-lon',
      }).clusters,
    ).toEqual({
      primary: 'prod-fra',
      reserves: ['reserve-ams', 'reserve-lon'],
    });
  });

  it('overrides only the reserves of the default pair when no primary is named', () => {
    expect(
      policyOf({ 'kube-reserve.io/clusters': 'reserves=reserve-lon' }).clusters,
    ).toEqual({ primary: 'prod-fra', reserves: ['reserve-lon'] });
  });

  it('leaves the pair out when nothing configures one', () => {
    const policy = readEntityPolicy(component(), builtInPolicyDefaults, []);
    expect(policy.clusters).toBeUndefined();
  });

  it.each([
    [
      'kube-reserve.io/mode',
      'lukewarm',
      "'lukewarm' is not one of hot, warm, cold, none",
    ],
    [
      'kube-reserve.io/replica-ratio',
      '6/4',
      "'6/4' is not a ratio such as 6:4",
    ],
    [
      'kube-reserve.io/replica-ratio',
      '6:0',
      'a reserve at 0 replicas is mode cold',
    ],
    [
      'kube-reserve.io/rpo',
      'daily',
      "'daily' is not a duration such as 24h, 15m or 90d",
    ],
    ['kube-reserve.io/rto', '30', "'30' has no unit"],
    ['kube-reserve.io/drill-interval', '-1d', 'must be longer than zero'],
    [
      'kube-reserve.io/site-config',
      'db-config,DB_Credentials',
      "'DB_Credentials' is not a valid object name",
    ],
    [
      'kube-reserve.io/cronjobs',
      'reserve-only',
      "'reserve-only' is not one of primary-only, everywhere",
    ],
    [
      'kube-reserve.io/clusters',
      'prod-fra',
      "'prod-fra' is not of the form key=value",
    ],
    [
      'kube-reserve.io/clusters',
      'primary=prod-fra,standby=reserve-ams',
      "unknown key 'standby'",
    ],
    [
      'kube-reserve.io/clusters',
      'primary=prod-fra,reserves=prod-fra',
      'prod-fra cannot be its own reserve',
    ],
  ])(
    'records a problem for %s: %s and keeps the default',
    (annotation, value, message) => {
      const policy = policyOf({ [annotation]: value });
      expect(policy.problems).toEqual([
        { annotation, message: expect.stringContaining(message) },
      ]);
      const defaults = policyOf();
      expect({ ...policy, problems: [] }).toEqual(defaults);
    },
  );

  it('keeps the well-formed annotations when another is malformed', () => {
    const policy = policyOf({
      'kube-reserve.io/mode': 'cold',
      'kube-reserve.io/rpo': 'soon',
    });
    expect(policy.mode).toBe('cold');
    expect(policy.rpo.text).toBe('24h');
    expect(policy.problems.map(p => p.annotation)).toEqual([
      'kube-reserve.io/rpo',
    ]);
  });
});

describe('parsePolicyDefaults', () => {
  it('reads reserve.defaults and fills in what it leaves out', () => {
    expect(parsePolicyDefaults({ mode: 'cold', rpo: '4h' })).toEqual({
      ...builtInPolicyDefaults,
      mode: 'cold',
      rpo: { ms: 14_400_000, text: '4h' },
    });
  });

  it('refuses a malformed default, naming the config key', () => {
    expect(() => parsePolicyDefaults({ replicaRatio: 'half' })).toThrow(
      "Invalid reserve.defaults.replicaRatio: 'half' is not a ratio such as 6:4",
    );
  });
});
