import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterStatus } from '@kube-reserve/plugin-reserve-common';

/** The last good listing of one kind on one cluster. */
export interface KindListing {
  items: KubernetesObject[];
  fetchedAt: Date;
}

/**
 * What the collector last learned of one cluster. Requests read snapshots only; they never
 * call a cluster. Kinds that failed keep their last good listing, and the status says so.
 */
export interface ClusterSnapshot {
  name: string;
  status: ClusterStatus;
  /** API server version, e.g. `v1.34.2`, once the cluster answered. */
  version?: string;
  /** The serving certificate's notAfter (ISO 8601), once read. */
  apiCertificateNotAfter?: string;
  /** By collected kind key (`deployments`, `backups.velero.io`...). */
  kinds: ReadonlyMap<string, KindListing>;
}

/** A snapshot of a cluster that has not been collected yet. */
export function pendingSnapshot(name: string): ClusterSnapshot {
  return {
    name,
    status: { state: 'pending', message: 'not collected yet', kinds: {} },
    kinds: new Map(),
  };
}
