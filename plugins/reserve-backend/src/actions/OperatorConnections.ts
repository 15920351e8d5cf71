import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterOperator } from './ClusterOperator';

/** Which clusters have an operator token, by the config key that would hold it. */
export interface OperatorTokens {
  /** Whether `reserve.clusters.<name>.operatorToken` is set. */
  has(cluster: string): boolean;
  /** The config key of a cluster's operator token. */
  keyOf(cluster: string): string;
}

/** The operator connection of each cluster, for the actions. */
export interface OperatorSource extends OperatorTokens {
  /** The cluster's operator connection; InputError naming the key when it has no token. */
  operator(cluster: string): Promise<ClusterOperator>;
}

/**
 * The write access of the actions: one connection per cluster with its
 * `reserve.clusters.<name>.operatorToken`, made on first use. The collector's token stays
 * read-only; a cluster without an operator token cannot be acted on.
 */
export class OperatorConnections implements OperatorSource {
  private readonly connections = new Map<string, Promise<ClusterOperator>>();

  private constructor(
    private readonly registry: ClusterRegistry,
    private readonly tokens: Map<string, string>,
  ) {}

  /** Reads the operator tokens of the configured clusters. */
  static fromConfig(config: Config, registry: ClusterRegistry) {
    const tokens = new Map<string, string>();
    for (const cluster of registry.list()) {
      const token = config.getOptionalString(
        `reserve.clusters.${cluster.facts.name}.operatorToken`,
      );
      if (token) tokens.set(cluster.facts.name, token);
    }
    return new OperatorConnections(registry, tokens);
  }

  has(cluster: string): boolean {
    return this.tokens.has(cluster);
  }

  keyOf(cluster: string): string {
    return `reserve.clusters.${cluster}.operatorToken`;
  }

  operator(cluster: string): Promise<ClusterOperator> {
    const registered = this.registry.get(cluster);
    const token = this.tokens.get(cluster);
    if (!registered || !token) {
      return Promise.reject(
        new InputError(
          `Kube Reserve cannot act on ${cluster}: ${this.keyOf(
            cluster,
          )} is not configured (the collector's token is read-only)`,
        ),
      );
    }
    let connection = this.connections.get(cluster);
    if (!connection) {
      connection = ClusterOperator.create(
        { ...registered.connection, token },
        this.registry.refresh.timeoutMs,
      );
      connection.catch(() => this.connections.delete(cluster));
      this.connections.set(cluster, connection);
    }
    return connection;
  }
}
