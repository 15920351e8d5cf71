import { stringify } from 'yaml';
import { TokenDefinition } from './auth/tokens';

/** One cluster's entry in a kubeconfig. */
export interface KubeconfigCluster {
  /** Cluster name: also the context and user name. */
  name: string;
  /** The API server URL. */
  url: string;
  /** The token the user authenticates with. */
  token: string;
}

/** A token with unrestricted rights: every verb on every resource in every namespace. */
export function isBroadToken(token: TokenDefinition): boolean {
  return token.rules.some(
    r => r.verbs.includes('*') && r.resources.includes('*') && !r.namespaces,
  );
}

/**
 * The token a kubeconfig user gets: the named one, else the first with broad rights, else the
 * first. Throws when a named token does not exist.
 */
export function chooseToken(
  clusterName: string,
  tokens: readonly TokenDefinition[],
  user?: string,
): TokenDefinition {
  if (user) {
    const named = tokens.find(t => t.name === user);
    if (!named) {
      throw new Error(
        `cluster ${clusterName} has no token named "${user}" (it has: ${tokens
          .map(t => t.name)
          .join(', ')})`,
      );
    }
    return named;
  }
  return tokens.find(isBroadToken) ?? tokens[0];
}

/** A kubeconfig with one context per cluster (context, cluster and user named after it), the CA embedded. */
export function buildKubeconfig(
  clusters: readonly KubeconfigCluster[],
  caPem: string,
): string {
  const caData = Buffer.from(caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: clusters.map(c => ({ name: c.name, user: { token: c.token } })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: c.name },
    })),
    'current-context': clusters[0]?.name ?? '',
  });
}
