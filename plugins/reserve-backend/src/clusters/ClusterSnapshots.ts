import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  ClusterPair,
  ClusterSummary,
  ResourceKindStatus,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterCollector } from './ClusterCollector';
import { ClusterConnection } from './ClusterConnection';
import { ClusterRegistry, RegisteredCluster } from './ClusterRegistry';
import {
  ClusterSnapshot,
  KindListing,
  pendingSnapshot,
} from './ClusterSnapshot';
import { SecretDigester } from './secretDigest';

// A snapshot that has not been refreshed for this many refresh periods is reported stale even
// when its last collection succeeded (a stuck collector must not pass for a healthy cluster).
const STALE_AFTER_PERIODS = 3;

// Clusters that did not answer at all: their last listings are served however old.
const SILENT_STATES = ['unreachable', 'unauthorized'];

/**
 * What {@link ClusterSnapshots.snapshot} serves of a cluster depends on, so that a reader may
 * keep what it built from a snapshot for as long as the same one is served.
 */
export interface ServedSnapshotVersion {
  /** The collected snapshot: every collection replaces it, a failed one too. */
  collected?: ClusterSnapshot;
  /**
   * Until when (epoch ms) time alone leaves what is served unchanged: then the snapshot turns
   * stale, or a failed kind's last listing grows too old to serve. Infinity when never.
   */
  unchangedUntilMs: number;
}

/**
 * The snapshot with the listings that may be served: a kind listed in the latest cycle, and
 * a kind whose latest listing failed (a timeout, a server error) while its last good listing
 * is younger than the staleness limit, so that one slow cycle does not blank a report; its
 * status then says when that listing was taken. A forbidden kind serves nothing: the
 * cluster said no.
 *
 * A cluster that does not answer at all (unreachable, unauthorized) keeps serving its last
 * listings however old, as its last known state: no check trusts the lists of a cluster that
 * is not ok, and the report and the failover plan need to say what it last showed.
 */
function servableListings(
  snapshot: ClusterSnapshot,
  oldestServableMs: number,
): ClusterSnapshot {
  const silent = SILENT_STATES.includes(snapshot.status.state);
  const kinds = new Map<string, KindListing>();
  const statuses: Record<string, ResourceKindStatus> = {
    ...snapshot.status.kinds,
  };
  for (const [key, listing] of snapshot.kinds) {
    const status = statuses[key];
    if (!status || status.state === 'ok') {
      kinds.set(key, listing);
    } else if (
      status.state === 'failed' &&
      (silent || listing.fetchedAt.getTime() >= oldestServableMs)
    ) {
      kinds.set(key, listing);
      statuses[key] = { ...status, listedAt: listing.fetchedAt.toISOString() };
    }
  }
  return {
    ...snapshot,
    status: { ...snapshot.status, kinds: statuses },
    kinds,
  };
}

/**
 * The latest snapshot of every configured cluster, and the collectors that refresh them on
 * the Backstage scheduler. Reading a snapshot never contacts a cluster.
 */
export class ClusterSnapshots {
  private constructor(
    private readonly registry: ClusterRegistry,
    private readonly collectors: Map<string, ClusterCollector>,
    private readonly now: () => Date,
  ) {}

  /** One collector per configured cluster; the connection is made on first collection. */
  static create(options: {
    registry: ClusterRegistry;
    logger: LoggerService;
    now?: () => Date;
  }): ClusterSnapshots {
    const { registry, logger } = options;
    const secrets = new SecretDigester();
    const collectors = new Map<string, ClusterCollector>();
    for (const cluster of registry.list()) {
      let connection: Promise<ClusterConnection> | undefined;
      const connect = () => {
        connection ??= ClusterConnection.create(
          cluster.connection,
          registry.refresh.timeoutMs,
        ).catch(error => {
          connection = undefined;
          throw error;
        });
        return connection;
      };
      collectors.set(
        cluster.facts.name,
        new ClusterCollector(cluster.facts.name, connect, {
          veleroNamespace: registry.veleroNamespace,
          secrets,
          logger: logger.child({ cluster: cluster.facts.name }),
          now: options.now,
          watch: registry.refresh.watch,
        }),
      );
    }
    return new ClusterSnapshots(
      registry,
      collectors,
      options.now ?? (() => new Date()),
    );
  }

  /** The configured pairs, primary first. */
  get pairs(): ClusterPair[] {
    return this.registry.pairs;
  }

  /** Schedules each cluster's collection on `reserve.refresh`, starting now. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { frequencyMs, timeoutMs } = this.registry.refresh;
    for (const [name, collector] of this.collectors) {
      await scheduler.scheduleTask({
        id: `reserve-collect-${name}`,
        // Snapshots live in this process's memory, so every instance collects for itself.
        scope: 'local',
        frequency: { milliseconds: frequencyMs },
        timeout: { milliseconds: Math.max(frequencyMs, timeoutMs * 6) },
        fn: () => collector.collect(),
      });
    }
  }

  /** Closes every collector's watches, at shutdown. */
  stop(): void {
    for (const collector of this.collectors.values()) collector.stop();
  }

  /** Collects every cluster once, concurrently; used at start-up by tests and benchmarks. */
  async collectAll(): Promise<void> {
    await Promise.all([...this.collectors.values()].map(c => c.collect()));
  }

  /**
   * Collects the named clusters now, concurrently (unknown names are ignored): after an action
   * changed them, the next report reads what it did instead of the listing from before it.
   */
  async collectNow(names: readonly string[]): Promise<void> {
    await Promise.all(
      [...new Set(names)].map(name =>
        this.collectors.get(name)?.collect({ fresh: true }),
      ),
    );
  }

  /** A configured cluster, or undefined. */
  cluster(name: string): RegisteredCluster | undefined {
    return this.registry.get(name);
  }

  /**
   * The latest snapshot of a cluster, marked stale when it has not been refreshed in time,
   * holding only the listings that may still be served (see servableListings).
   */
  snapshot(name: string): ClusterSnapshot {
    const collected =
      this.collectors.get(name)?.snapshot ?? pendingSnapshot(name);
    const periodMs = this.registry.refresh.frequencyMs;
    const staleAfterMs = this.staleAfterMs;
    const snapshot = servableListings(
      collected,
      this.now().getTime() - staleAfterMs,
    );
    const { status } = snapshot;
    if (
      status.state === 'ok' &&
      status.collectedAt &&
      this.now().getTime() - Date.parse(status.collectedAt) > staleAfterMs
    ) {
      return {
        ...snapshot,
        status: {
          ...status,
          state: 'stale',
          message: `not refreshed since ${status.collectedAt}`,
          staleSince: new Date(
            Date.parse(status.collectedAt) + periodMs,
          ).toISOString(),
        },
      };
    }
    return snapshot;
  }

  /**
   * The version of what {@link ClusterSnapshots.snapshot} serves of a cluster now: the same
   * collected snapshot and a time before `unchangedUntilMs` mean the same snapshot is served.
   */
  servedVersion(name: string): ServedSnapshotVersion {
    const collected = this.collectors.get(name)?.snapshot;
    const nowMs = this.now().getTime();
    const changesAt: number[] = [];
    if (collected) {
      const { state, collectedAt, kinds: statuses } = collected.status;
      // The same limits as snapshot() and servableListings(): reached when exceeded.
      if (state === 'ok' && collectedAt) {
        changesAt.push(Date.parse(collectedAt) + this.staleAfterMs);
      }
      if (!SILENT_STATES.includes(state)) {
        for (const [key, listing] of collected.kinds) {
          if (statuses[key]?.state === 'failed') {
            changesAt.push(listing.fetchedAt.getTime() + this.staleAfterMs);
          }
        }
      }
    }
    return {
      collected,
      unchangedUntilMs: Math.min(
        Infinity,
        ...changesAt.filter(atMs => atMs >= nowMs),
      ),
    };
  }

  /**
   * The last good listing of one kind on a cluster (`deployments`, `cronjobs`...), whatever its
   * age: what a plan works from when that cluster or kind does not answer now.
   */
  lastListing(name: string, key: string): KindListing | undefined {
    return this.collectors.get(name)?.snapshot.kinds.get(key);
  }

  // A collection may take up to a request timeout on top of its period before it is late.
  private get staleAfterMs(): number {
    const { frequencyMs, timeoutMs } = this.registry.refresh;
    return STALE_AFTER_PERIODS * frequencyMs + timeoutMs;
  }

  /** Every configured cluster with its facts and the state of its data. */
  summaries(): ClusterSummary[] {
    return this.registry
      .list()
      .map(cluster => this.summary(cluster.facts.name));
  }

  /** One cluster's facts and the state of its data. */
  summary(name: string): ClusterSummary {
    const cluster = this.registry.get(name);
    const snapshot = this.snapshot(name);
    const collectedAt = snapshot.status.collectedAt;
    return {
      ...(cluster?.facts ?? { name, role: 'reserve' }),
      version: snapshot.version,
      apiCertificate: snapshot.apiCertificateNotAfter
        ? { notAfter: snapshot.apiCertificateNotAfter }
        : undefined,
      status: snapshot.status,
      snapshotAgeMs: collectedAt
        ? Math.max(0, this.now().getTime() - Date.parse(collectedAt))
        : undefined,
    };
  }
}
