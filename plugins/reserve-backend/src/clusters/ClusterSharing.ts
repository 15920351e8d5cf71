import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterStatus } from '@kube-reserve/plugin-reserve-common';
import { ClusterFactsStore } from '../database/ClusterFactsStore';
import { ClusterSnapshot, KindListing } from './ClusterSnapshot';

/** What a publication says of the cluster besides its objects. */
interface FactsHeader {
  status: ClusterStatus;
  version?: string;
  apiCertificateNotAfter?: string;
  /** Each kind held, with when its listing was taken (ISO 8601). */
  fetchedAt: Record<string, string>;
}

interface Replica {
  generation: number;
  snapshot?: ClusterSnapshot;
  /** The newest refresh request the holder had answered when this replica was read. */
  refreshedAt?: number;
}

/** How the instance's collectors are reached: the sharing starts and stops them. */
export interface SharedCollectors {
  /** The cluster's collector, for this instance now holds it; seeded with what it read. */
  start(cluster: string, seed: ClusterSnapshot | undefined): void;
  /** Stops collecting the cluster (another instance holds it); answers its last snapshot. */
  stop(cluster: string): ClusterSnapshot;
  /** Collects the cluster afresh (every kind listed), on the collector that holds it. */
  collectFresh(cluster: string): Promise<void>;
}

/**
 * One collector per cluster across backend instances. Each cluster has a lease row in the
 * plugin's database: the instance holding it collects the cluster and publishes what it
 * collected there (each kind rewritten only when its objects changed); every other instance
 * reads the published facts. A lease is renewed every heartbeat and lapses after two missed:
 * an instance that dies (or loses the database) has its clusters taken by another within
 * three heartbeats, which starts from the facts published last.
 */
export class ClusterSharing {
  private readonly held = new Set<string>();
  private readonly replicas = new Map<string, Replica>();
  private readonly lastRenewedMs = new Map<string, number>();
  // What was last written of each held cluster: each kind's items (by identity).
  private readonly written = new Map<string, Map<string, KubernetesObject[]>>();
  private readonly writing = new Map<string, Promise<void>>();
  private readonly toWrite = new Map<string, ClusterSnapshot>();
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;
  private collectors?: SharedCollectors;

  constructor(
    private readonly options: {
      clusters: readonly string[];
      store: ClusterFactsStore;
      /** This instance, as the lease rows name it. */
      instanceId: string;
      heartbeatMs: number;
      logger: LoggerService;
      /** How long a non-holder waits for the holder's fresh listing. */
      refreshWaitMs: number;
    },
  ) {}

  /** How the instance's collectors are started and stopped; before `start`. */
  attach(collectors: SharedCollectors): void {
    this.collectors = collectors;
  }

  /** Starts taking, renewing and reading leases, on a tick of at most a second. */
  start(): void {
    const tickMs = Math.min(1_000, this.options.heartbeatMs / 4);
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(async () => {
        await this.tick();
        tick();
      }, tickMs);
      this.timer.unref?.();
    };
    void this.tick().then(tick);
  }

  /** Stops ticking and gives up every lease held, so that another instance takes over now. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(
      [...this.held].map(async cluster => {
        await this.writing.get(cluster);
        await this.options.store
          .release(cluster, this.options.instanceId)
          .catch(() => undefined);
      }),
    );
    this.held.clear();
  }

  /** Whether this instance collects the cluster now. */
  holds(cluster: string): boolean {
    return this.held.has(cluster);
  }

  /** The facts another instance published of the cluster, as last read. */
  replica(cluster: string): ClusterSnapshot | undefined {
    return this.replicas.get(cluster)?.snapshot;
  }

  /**
   * Called with every snapshot this instance's collector makes of a held cluster; writes
   * one after another, each the latest snapshot.
   */
  published(
    cluster: string,
    snapshot: ClusterSnapshot,
    answersRefreshOf?: Date,
  ): Promise<void> {
    this.toWrite.set(cluster, snapshot);
    const turn = (this.writing.get(cluster) ?? Promise.resolve()).then(() =>
      this.write(cluster, answersRefreshOf),
    );
    this.writing.set(cluster, turn);
    return turn;
  }

  /**
   * Makes this instance's view of the cluster current with what is on it now: the holder
   * lists it afresh (this instance, or another asked through the lease row), and this waits
   * until that listing is read, for at most `refreshWaitMs`.
   */
  async collectNow(cluster: string): Promise<void> {
    if (this.held.has(cluster)) {
      await this.collectors?.collectFresh(cluster);
      return;
    }
    const askedAt = new Date();
    await this.options.store.requestRefresh(cluster, askedAt);
    const deadline = Date.now() + this.options.refreshWaitMs;
    while (Date.now() < deadline && !this.held.has(cluster)) {
      await new Promise(resolve => setTimeout(resolve, 100));
      await this.tick();
      if ((this.replicas.get(cluster)?.refreshedAt ?? 0) >= askedAt.getTime()) {
        return;
      }
    }
  }

  // One tick at a time: the timer's and those collectNow runs.
  private tick(): Promise<void> {
    this.ticking = this.ticking.then(() =>
      this.tickOnce().catch(error =>
        this.options.logger.warn(
          `Could not read or renew the cluster leases: ${stringifyError(
            error,
          )}`,
        ),
      ),
    );
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    if (this.stopped) return;
    const { store, heartbeatMs } = this.options;
    const nowMs = Date.now();
    let listed;
    try {
      listed = await store.leases();
    } catch (error) {
      // Without the database this instance cannot renew its leases: once they have lapsed,
      // another instance may collect those clusters, so this one stops.
      for (const cluster of this.held) {
        if (nowMs >= (this.lastRenewedMs.get(cluster) ?? 0) + 2 * heartbeatMs) {
          this.lose(
            cluster,
            'its lease lapsed while the database did not answer',
          );
        }
      }
      throw error;
    }
    const leases = new Map(listed.map(lease => [lease.cluster, lease]));
    for (const cluster of this.options.clusters) {
      const lease = leases.get(cluster);
      if (this.held.has(cluster)) {
        if (nowMs - (this.lastRenewedMs.get(cluster) ?? 0) >= heartbeatMs) {
          await this.claim(cluster, nowMs);
        }
        const requested = lease?.refreshRequestedAt?.getTime() ?? 0;
        if (
          this.held.has(cluster) &&
          requested > (lease?.refreshedAt?.getTime() ?? 0)
        ) {
          await this.answerRefresh(cluster, new Date(requested));
        }
        continue;
      }
      if (!lease || lease.expiresAt.getTime() < nowMs) {
        if (await this.claim(cluster, nowMs)) continue;
      }
      await this.read(cluster, leases.get(cluster)?.generation ?? 0, lease);
    }
  }

  // Takes or renews the lease; starts or stops collecting as the answer says.
  private async claim(cluster: string, nowMs: number): Promise<boolean> {
    const { store, instanceId, heartbeatMs } = this.options;
    let holds: boolean;
    try {
      holds = await store.claim(
        cluster,
        instanceId,
        new Date(nowMs + 2 * heartbeatMs),
      );
    } catch (error) {
      // Without the database this instance cannot show that it still holds the lease: once
      // it has lapsed, another instance may have taken the cluster.
      holds =
        this.held.has(cluster) &&
        nowMs < (this.lastRenewedMs.get(cluster) ?? 0) + 2 * heartbeatMs;
      this.options.logger.warn(
        `Could not renew the lease of cluster ${cluster}: ${stringifyError(
          error,
        )}`,
      );
    }
    if (holds) {
      this.lastRenewedMs.set(cluster, nowMs);
      if (!this.held.has(cluster)) {
        this.held.add(cluster);
        this.written.set(cluster, new Map());
        this.options.logger.info(
          `Collecting cluster ${cluster} (instance ${this.options.instanceId})`,
        );
        this.collectors?.start(cluster, this.replicas.get(cluster)?.snapshot);
      }
    } else if (this.held.has(cluster)) {
      this.lose(cluster, 'another instance holds its lease');
    }
    return holds;
  }

  private lose(cluster: string, why: string) {
    this.held.delete(cluster);
    this.written.delete(cluster);
    this.options.logger.info(`Stopped collecting cluster ${cluster}: ${why}`);
    const last = this.collectors?.stop(cluster);
    // Read again in full from the new holder's publications.
    this.replicas.set(cluster, { generation: 0, snapshot: last });
  }

  // A fresh listing, published as the answer to the request (also when nothing changed).
  private async answerRefresh(cluster: string, requestedAt: Date) {
    await this.collectors?.collectFresh(cluster);
    const snapshot = this.toWrite.get(cluster);
    if (snapshot && this.held.has(cluster)) {
      await this.published(cluster, snapshot, requestedAt);
    }
  }

  // Writes the latest snapshot of a held cluster: its header, and the kinds whose objects
  // changed since the last write.
  private async write(cluster: string, answersRefreshOf?: Date): Promise<void> {
    const snapshot = this.toWrite.get(cluster);
    const written = this.written.get(cluster);
    if (!snapshot || !written || !this.held.has(cluster)) return;
    const changed = [...snapshot.kinds].filter(
      ([key, listing]) => written.get(key) !== listing.items,
    );
    const removed = [...written.keys()].filter(key => !snapshot.kinds.has(key));
    const header: FactsHeader = {
      status: snapshot.status,
      version: snapshot.version,
      apiCertificateNotAfter: snapshot.apiCertificateNotAfter,
      fetchedAt: Object.fromEntries(
        [...snapshot.kinds].map(([key, listing]) => [
          key,
          listing.fetchedAt.toISOString(),
        ]),
      ),
    };
    try {
      const ok = await this.options.store.publish(
        cluster,
        this.options.instanceId,
        {
          header: JSON.stringify(header),
          changedKinds: changed.map(([key, listing]) => [
            key,
            JSON.stringify(listing.items),
          ]),
          removedKinds: removed,
          answersRefreshOf,
        },
      );
      if (!ok) {
        if (this.held.has(cluster)) {
          this.lose(cluster, 'its lease was taken by another instance');
        }
        return;
      }
      changed.forEach(([key, listing]) => written.set(key, listing.items));
      removed.forEach(key => written.delete(key));
    } catch (error) {
      this.options.logger.warn(
        `Could not publish what cluster ${cluster} holds: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  // Reads what the holder published since this instance last read, if anything.
  private async read(
    cluster: string,
    generation: number,
    lease: { refreshedAt?: Date } | undefined,
  ) {
    const replica = this.replicas.get(cluster) ?? { generation: 0 };
    if (generation <= replica.generation) {
      replica.refreshedAt = lease?.refreshedAt?.getTime();
      this.replicas.set(cluster, replica);
      return;
    }
    const published = await this.options.store.publishedSince(
      cluster,
      replica.generation,
    );
    if (!published.header) return;
    const header = JSON.parse(published.header) as FactsHeader;
    const kinds = new Map<string, KindListing>();
    for (const [key, fetchedAt] of Object.entries(header.fetchedAt)) {
      const items = published.kinds.get(key);
      const before = replica.snapshot?.kinds.get(key);
      if (items === undefined && !before) continue;
      kinds.set(key, {
        items: items !== undefined ? JSON.parse(items) : before!.items,
        fetchedAt: new Date(fetchedAt),
      });
    }
    this.replicas.set(cluster, {
      generation: published.generation,
      refreshedAt: lease?.refreshedAt?.getTime(),
      snapshot: {
        name: cluster,
        status: header.status,
        version: header.version,
        apiCertificateNotAfter: header.apiCertificateNotAfter,
        kinds,
      },
    });
  }
}
