import { ConfigReader } from '@backstage/config';
import { ClusterRegistry } from './ClusterRegistry';

const kubernetes = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [
        {
          name: 'prod-fra',
          url: 'https://127.0.0.1:6443',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't1',
        },
        {
          name: 'reserve-ams',
          url: 'https://127.0.0.1:6444',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't2',
        },
      ],
    },
  ],
};
const clusters = {
  'prod-fra': {
    role: 'primary',
    site: 'fra1',
    provider: 'hetzner',
    region: 'eu-central',
  },
  'reserve-ams': { role: 'reserve', site: 'ams3', provider: 'digitalocean' },
};

function registry(reserve: object, k8s: object = kubernetes) {
  return ClusterRegistry.fromConfig(
    new ConfigReader({ kubernetes: k8s, reserve }),
  );
}

describe('ClusterRegistry', () => {
  it('joins the Kubernetes plugin clusters with their reserve facts and pairs', () => {
    const result = registry({
      clusters,
      pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
      refresh: { frequency: { seconds: 15 }, timeout: { seconds: 3 } },
    });
    expect(result.list().map(c => c.facts)).toEqual([
      {
        name: 'prod-fra',
        role: 'primary',
        site: 'fra1',
        provider: 'hetzner',
        region: 'eu-central',
      },
      {
        name: 'reserve-ams',
        role: 'reserve',
        site: 'ams3',
        provider: 'digitalocean',
      },
    ]);
    expect(result.get('prod-fra')?.connection).toMatchObject({
      url: 'https://127.0.0.1:6443',
      token: 't1',
      skipTLSVerify: false,
    });
    expect(result.pairs).toEqual([
      { primary: 'prod-fra', reserves: ['reserve-ams'] },
    ]);
    expect(result.refresh).toEqual({
      frequencyMs: 15_000,
      timeoutMs: 3_000,
      watch: true,
    });
    expect(result.veleroNamespace).toBe('velero');
  });

  it('uses a 30 s refresh and a 10 s timeout by default', () => {
    expect(registry({ clusters }).refresh).toEqual({
      frequencyMs: 30_000,
      timeoutMs: 10_000,
      watch: true,
    });
  });

  it('stops start-up on a pair naming an unknown cluster', () => {
    expect(() =>
      registry({
        clusters,
        pairs: [{ primary: 'prod-fra', reserves: ['reserve-xyz'] }],
      }),
    ).toThrow(
      "Invalid config at 'reserve.pairs[0].reserves[0]': unknown cluster 'reserve-xyz'",
    );
  });

  it('stops start-up on a pair without a primary', () => {
    expect(() =>
      registry({ clusters, pairs: [{ reserves: ['reserve-ams'] }] }),
    ).toThrow(
      "Invalid config at 'reserve.pairs[0].primary': a pair needs a primary",
    );
  });

  it('stops start-up on a duplicate cluster name', () => {
    const duplicated = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            ...kubernetes.clusterLocatorMethods[0].clusters,
            {
              name: 'prod-fra',
              url: 'https://127.0.0.1:7443',
              authProvider: 'serviceAccount',
            },
          ],
        },
      ],
    };
    expect(() => registry({ clusters }, duplicated)).toThrow(
      "Invalid config at 'kubernetes.clusterLocatorMethods[0].clusters[2].name': duplicate cluster name 'prod-fra'",
    );
  });

  it('stops start-up on facts for a cluster the Kubernetes configuration lacks', () => {
    expect(() =>
      registry({
        clusters: { ...clusters, 'reserve-x': { role: 'reserve', site: 'x1' } },
      }),
    ).toThrow(
      "Invalid config at 'reserve.clusters.reserve-x': no cluster named 'reserve-x'",
    );
  });

  it('stops start-up on an unknown role', () => {
    expect(() =>
      registry({
        clusters: {
          ...clusters,
          'reserve-ams': { role: 'standby', site: 'ams3' },
        },
      }),
    ).toThrow(
      "Invalid config at 'reserve.clusters.reserve-ams.role': expected 'primary' or 'reserve', got 'standby'",
    );
  });

  it('names a missing site', () => {
    expect(() =>
      registry({
        clusters: { ...clusters, 'reserve-ams': { role: 'reserve' } },
      }),
    ).toThrow(/reserve\.clusters\.reserve-ams\.site/);
  });
});
