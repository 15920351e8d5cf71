import { Config } from '@backstage/config';
import { ClusterFacts, ClusterPair } from '@kube-reserve/plugin-reserve-common';
import { durationOf, readDuration } from '../config/durations';

/** How to reach one cluster's API server; the token never leaves the backend. */
export interface ClusterConnectionConfig {
  name: string;
  url: string;
  /** Read-only service account token. */
  token?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

/** A configured cluster: how to reach it, and what it is. */
export interface RegisteredCluster {
  connection: ClusterConnectionConfig;
  facts: ClusterFacts;
}

/** Collection timing, from `reserve.refresh`. */
export interface RefreshSettings {
  frequencyMs: number;
  timeoutMs: number;
  /** Watch each kind between listings (`reserve.refresh.watch`, default true). */
  watch: boolean;
}

const DEFAULT_FREQUENCY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The clusters Kube Reserve knows: their connections from the Kubernetes plugin's
 * configuration, their facts from `reserve.clusters`, and the pairs from `reserve.pairs`.
 * Invalid configuration throws at start-up with a message naming the key.
 */
export class ClusterRegistry {
  private constructor(
    private readonly clusters: Map<string, RegisteredCluster>,
    readonly pairs: ClusterPair[],
    readonly refresh: RefreshSettings,
    readonly veleroNamespace: string,
  ) {}

  /** Reads and validates the configuration. */
  static fromConfig(config: Config): ClusterRegistry {
    const connections = readConnections(config);
    const clusters = new Map<string, RegisteredCluster>();
    const factsConfig = config.getOptionalConfig('reserve.clusters');
    for (const name of factsConfig?.keys() ?? []) {
      const key = `reserve.clusters.${name}`;
      const connection = connections.get(name);
      if (!connection) {
        throw new Error(
          `Invalid config at '${key}': no cluster named '${name}' in kubernetes.clusterLocatorMethods (type: config)`,
        );
      }
      clusters.set(name, {
        connection,
        facts: readFacts(name, factsConfig!.getConfig(name), key),
      });
    }
    const pairs = readPairs(config, clusters);
    return new ClusterRegistry(
      clusters,
      pairs,
      readRefresh(config),
      config.getOptionalString('reserve.velero.namespace') ?? 'velero',
    );
  }

  /** Every configured cluster, in configuration order. */
  list(): RegisteredCluster[] {
    return [...this.clusters.values()];
  }

  /** One cluster by name, or undefined. */
  get(name: string): RegisteredCluster | undefined {
    return this.clusters.get(name);
  }
}

function readConnections(config: Config) {
  const connections = new Map<string, ClusterConnectionConfig>();
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getString('type') !== 'config') {
      return;
    }
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      const name = cluster.getString('name');
      if (connections.has(name)) {
        throw new Error(
          `Invalid config at '${key}.name': duplicate cluster name '${name}'`,
        );
      }
      const authProvider = cluster.getString('authProvider');
      if (authProvider !== 'serviceAccount') {
        throw new Error(
          `Invalid config at '${key}.authProvider': Kube Reserve supports 'serviceAccount', not '${authProvider}'`,
        );
      }
      connections.set(name, {
        name,
        url: cluster.getString('url'),
        token: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    });
  });
  return connections;
}

function readFacts(name: string, config: Config, key: string): ClusterFacts {
  const role = config.getString('role');
  if (role !== 'primary' && role !== 'reserve') {
    throw new Error(
      `Invalid config at '${key}.role': expected 'primary' or 'reserve', got '${role}'`,
    );
  }
  return {
    name,
    role,
    site: config.getString('site'),
    provider: config.getOptionalString('provider'),
    region: config.getOptionalString('region'),
    managedControlPlane: config.getOptionalBoolean('managedControlPlane'),
  };
}

function readPairs(
  config: Config,
  clusters: Map<string, RegisteredCluster>,
): ClusterPair[] {
  const pairs = config.getOptionalConfigArray('reserve.pairs') ?? [];
  return pairs.map((pair, p) => {
    const key = `reserve.pairs[${p}]`;
    const primary = pair.getOptionalString('primary');
    if (!primary) {
      throw new Error(
        `Invalid config at '${key}.primary': a pair needs a primary`,
      );
    }
    const known = (name: string, at: string) => {
      if (!clusters.has(name)) {
        throw new Error(
          `Invalid config at '${at}': unknown cluster '${name}' (not in reserve.clusters)`,
        );
      }
    };
    known(primary, `${key}.primary`);
    const reserves = pair.getOptionalStringArray('reserves') ?? [];
    reserves.forEach((name, r) => {
      known(name, `${key}.reserves[${r}]`);
      if (name === primary) {
        throw new Error(
          `Invalid config at '${key}.reserves[${r}]': '${name}' is the pair's primary`,
        );
      }
    });
    return { primary, reserves };
  });
}

function readRefresh(config: Config): RefreshSettings {
  const read = (key: string, fallbackMs: number) =>
    readDuration(config, `reserve.refresh.${key}`, durationOf(fallbackMs)).ms;
  return {
    frequencyMs: read('frequency', DEFAULT_FREQUENCY_MS),
    timeoutMs: read('timeout', DEFAULT_TIMEOUT_MS),
    watch: config.getOptionalBoolean('reserve.refresh.watch') ?? true,
  };
}
