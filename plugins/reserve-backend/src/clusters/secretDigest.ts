import { createHmac, randomBytes } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';

/** A Secret reduced to one keyed hash per data key: enough to tell same, different and missing. */
export interface DigestedSecret extends KubernetesObject {
  type?: string;
  keyHashes: Record<string, string>;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Turns Secrets into digests inside the collector, so that no secret value is ever held in a
 * snapshot, a response or a log line. One key for every cluster: equal values on two clusters
 * give equal hashes. The key is random per process, or, when backend instances share the
 * clusters' collection, one random key kept in the plugin database for all of them (digests
 * collected by different instances are compared).
 */
export class SecretDigester {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  /** The digest of one Secret as listed from the API. */
  digest(
    secret: KubernetesObject & { type?: string; data?: Record<string, string> },
  ): DigestedSecret {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } =
      secret.metadata?.annotations ?? {};
    const keyHashes: Record<string, string> = {};
    for (const [name, value] of Object.entries(secret.data ?? {})) {
      keyHashes[name] = createHmac('sha256', this.key)
        .update(value ?? '')
        .digest('hex')
        .slice(0, 32);
    }
    return {
      apiVersion: secret.apiVersion ?? 'v1',
      kind: 'Secret',
      metadata: {
        name: secret.metadata?.name,
        namespace: secret.metadata?.namespace,
        labels: secret.metadata?.labels,
        annotations,
        uid: secret.metadata?.uid,
        creationTimestamp: secret.metadata?.creationTimestamp,
      },
      type: secret.type,
      keyHashes,
    };
  }
}
