import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  ClusterPair,
  ClusterSummary,
  ResourceKindStatus,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterFactsStore } from '../database/ClusterFactsStore';
import { ClusterCollector } from './ClusterCollector';
import { ClusterConnection } from './ClusterConnection';
import { ClusterRegistry, RegisteredCluster } from './ClusterRegistry';
import {
  ClusterSnapshot,
  KindListing,
  pendingSnapshot,
} from './ClusterSnapshot';
import { ClusterSharing } from './ClusterSharing';
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
    private readonly sharing?: ClusterSharing,
  ) {}

  /**
   * One collector per configured cluster; the connection is made on first collection. With
   * `sharing`, this instance collects only the clusters whose lease it holds, and reads the
   * others' facts from the plugin database (see ClusterSharing).
   */
  static create(options: {
    registry: ClusterRegistry;
    logger: LoggerService;
    now?: () => Date;
    sharing?: {
      store: ClusterFactsStore;
      instanceId: string;
      heartbeatMs: number;
      /** The instances' shared key for Secret digests (see ClusterFactsStore). */
      secretDigestKey: Buffer;
    };
  }): ClusterSnapshots {
    const { registry, logger } = options;
    const secrets = new SecretDigester(options.sharing?.secretDigestKey);
    const sharing =
      options.sharing &&
      new ClusterSharing({
        store: options.sharing.store,
        instanceId: options.sharing.instanceId,
        heartbeatMs: options.sharing.heartbeatMs,
        clusters: registry.list().map(cluster => cluster.facts.name),
        logger,
        // A fresh listing of every kind, published and read: a few request timeouts.
        refreshWaitMs: 3 * registry.refresh.timeoutMs + 2_000,
      });
    const connections = new Map<string, () => Promise<ClusterConnection>>();
    for (const cluster of registry.list()) {
      let connection: Promise<ClusterConnection> | undefined;
      connections.set(cluster.facts.name, () => {
        connection ??= ClusterConnection.create(
          cluster.connection,
          registry.refresh.timeoutMs,
        ).catch(error => {
          connection = undefined;
          throw error;
        });
        return connection;
      });
    }
    const makeCollector = (name: string, initial?: ClusterSnapshot) =>
      new ClusterCollector(name, connections.get(name)!, {
        veleroNamespace: registry.veleroNamespace,
        secrets,
        logger: logger.child({ cluster: name }),
        now: options.now,
        watch: registry.refresh.watch,
        initial,
        onPublished: sharing
          ? snapshot => void sharing.published(name, snapshot)
          : undefined,
      });
    const collectors = new Map(
      [...connections.keys()].map(name => [name, makeCollector(name)]),
    );
    sharing?.attach({
      start(name, seed) {
        collectors.get(name)?.stop();
        const collector = makeCollector(name, seed);
        collectors.set(name, collector);
        void collector.collect();
      },
      stop(name) {
        const last = collectors.get(name)!;
        last.stop();
        collectors.set(name, makeCollector(name));
        return last.snapshot;
      },
      collectFresh: name =>
        collectors.get(name)?.collect({ fresh: true }) ?? Promise.resolve(),
    });
    return new ClusterSnapshots(
      registry,
      collectors,
      options.now ?? (() => new Date()),
      sharing,
    );
  }

  /** The configured pairs, primary first. */
  get pairs(): ClusterPair[] {
    return this.registry.pairs;
  }

  /**
   * Schedules each cluster's collection on `reserve.refresh`, starting now; with sharing,
   * starts taking leases first, and each cycle collects only a cluster this instance holds.
   */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { frequencyMs, timeoutMs } = this.registry.refresh;
    this.sharing?.start();
    for (const name of this.collectors.keys()) {
      await scheduler.scheduleTask({
        id: `reserve-collect-${name}`,
        // Snapshots live in this process's memory: every instance runs its own cycles (of
        // the clusters it holds, when sharing).
        scope: 'local',
        frequency: { milliseconds: frequencyMs },
        timeout: { milliseconds: Math.max(frequencyMs, timeoutMs * 6) },
        fn: async () => {
          if (this.collecting(name)) await this.collectors.get(name)!.collect();
        },
      });
    }
  }

  /** Closes every collector's watches and gives up the leases held, at shutdown. */
  async stop(): Promise<void> {
    for (const collector of this.collectors.values()) collector.stop();
    await this.sharing?.stop();
  }

  /** Collects every cluster once, concurrently; used at start-up by tests and benchmarks. */
  async collectAll(): Promise<void> {
    await Promise.all(
      [...this.collectors]
        .filter(([name]) => this.collecting(name))
        .map(([, collector]) => collector.collect()),
    );
  }

  /**
   * Collects the named clusters now, concurrently (unknown names are ignored): after an action
   * changed them, the next report reads what it did instead of the listing from before it.
   * With sharing, a cluster another instance holds is listed by it, and read once published.
   */
  async collectNow(names: readonly string[]): Promise<void> {
    await Promise.all(
      [...new Set(names)]
        .filter(name => this.collectors.has(name))
        .map(name =>
          this.sharing
            ? this.sharing.collectNow(name)
            : this.collectors.get(name)!.collect({ fresh: true }),
        ),
    );
  }

  // Whether this instance collects the cluster (always, without sharing).
  private collecting(name: string): boolean {
    return !this.sharing || this.sharing.holds(name);
  }

  // The cluster's latest snapshot: collected here, or read from its holder's publications.
  private collected(name: string): ClusterSnapshot | undefined {
    return this.collecting(name)
      ? this.collectors.get(name)?.snapshot
      : this.sharing!.replica(name);
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
    const collected = this.collected(name) ?? pendingSnapshot(name);
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
    const collected = this.collected(name);
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
    return this.collected(name)?.kinds.get(key);
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
