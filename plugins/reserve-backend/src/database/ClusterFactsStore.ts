/** A cluster's lease row: who collects it, until when, and its published facts' generation. */
export interface ClusterLease {
  cluster: string;
  holder: string;
  expiresAt: Date;
  generation: number;
  refreshRequestedAt?: Date;
  refreshedAt?: Date;
}

/** What one publication of a cluster's facts writes. */
export interface FactsPublication {
  /** The cluster's status, version, certificate and listing times, as JSON. */
  header: string;
  /** Each kind whose objects changed: its key and its objects as a JSON array. */
  changedKinds: ReadonlyArray<[key: string, items: string]>;
  /** Kinds no longer collected (an API group that went away). */
  removedKinds: readonly string[];
  /** The refresh request this publication answers, when it is a fresh listing asked for. */
  answersRefreshOf?: Date;
}

/** The facts published since a generation. */
export interface PublishedFacts {
  generation: number;
  header?: string;
  /** Kinds written after the generation asked for. */
  kinds: Map<string, string>;
}

/**
 * Cluster leases and the facts their holders publish, shared by every backend instance on
 * the plugin's database: one instance collects each cluster, the others read what it
 * collected.
 */
export interface ClusterFactsStore {
  /** Every cluster's lease row. */
  leases(): Promise<ClusterLease[]>;
  /**
   * Takes the cluster's lease for `holder` until `expiresAt` when it is free (no row, or
   * expired) or already the holder's; whether the holder holds it now.
   */
  claim(cluster: string, holder: string, expiresAt: Date): Promise<boolean>;
  /** Gives the lease up now, if the holder holds it (at shutdown, for a prompt handover). */
  release(cluster: string, holder: string): Promise<void>;
  /**
   * Publishes the holder's facts, raising the generation; false (nothing written) when the
   * holder no longer holds an unexpired lease.
   */
  publish(
    cluster: string,
    holder: string,
    publication: FactsPublication,
  ): Promise<boolean>;
  /** The header and the kinds written after `generation`. */
  publishedSince(cluster: string, generation: number): Promise<PublishedFacts>;
  /** Asks the cluster's holder for a fresh listing of everything, as of `at`. */
  requestRefresh(cluster: string, at: Date): Promise<void>;
  /**
   * The key every instance digests Secret values with (32 random bytes, made by the first
   * instance to ask), so that digests collected by different instances compare.
   */
  secretDigestKey(): Promise<Buffer>;
}
