import { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ClusterStatus,
  ResourceKindStatus,
} from '@kube-reserve/plugin-reserve-common';
import {
  ClusterConnection,
  ClusterRequestFailure,
  describeFailure,
} from './ClusterConnection';
import { ClusterSnapshot, pendingSnapshot } from './ClusterSnapshot';
import { COLLECTED_KINDS, CollectedKind } from './collectedKinds';
import { CompactListing, compactListing } from './compactListing';
import { COMPACTORS, Compactor, unlessUnchanged } from './compactObjects';
import { KindWatch } from './KindWatch';
import { SecretDigester } from './secretDigest';

/**
 * A Lease renewed by its holder and nothing else: leaders renew every few seconds, and each
 * renewal published would make every report of the cluster's entities be judged again. The
 * next collection takes the renewals (leader election is judged when the Leases were seen).
 */
function onlyRenewed(before: KubernetesObject, after: KubernetesObject) {
  const spec = (lease: KubernetesObject) => {
    const { renewTime: _renewTime, ...rest } =
      (lease as { spec?: Record<string, unknown> }).spec ?? {};
    return JSON.stringify(rest);
  };
  return spec(before) === spec(after);
}

/** How long events are gathered before the snapshot takes them. */
const PUBLISH_DELAY_MS = 200;

/**
 * Collects one cluster: each cycle its version and serving certificate, and every kind that
 * no open watch keeps current (all of them the first time); a listed kind is then watched
 * (see KindWatch), and its changes reach the snapshot within a fraction of a second, without
 * waiting for the next cycle. With `watch: false`, or for a kind the cluster will not let us
 * watch, every cycle lists it. A failure is recorded in the snapshot's status (for the cluster
 * or for one kind) and the last good data is kept; nothing here throws to the scheduler.
 */
export class ClusterCollector {
  private current: ClusterSnapshot;
  private failingSince?: Date;
  private lastCycle: Promise<void> = Promise.resolve();
  /** What was wrong with each kind's last answer, to log each new problem once. */
  private readonly listingProblems = new Map<string, string>();
  /** What the last listing of each kind left out; a watched kind keeps saying it. */
  private readonly lastProblems = new Map<string, string[]>();
  private readonly watches = new Map<string, KindWatch>();
  private publishTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly connect: () => Promise<ClusterConnection>,
    private readonly options: {
      veleroNamespace: string;
      secrets: SecretDigester;
      logger: LoggerService;
      now?: () => Date;
      /** Watch each kind after listing it (the default), or list every kind every cycle. */
      watch?: boolean;
      /** What is known of the cluster already (collected by another instance until now). */
      initial?: ClusterSnapshot;
      /** Called with each new snapshot. */
      onPublished?: (snapshot: ClusterSnapshot) => void;
    },
  ) {
    this.current = options.initial ?? pendingSnapshot(name);
  }

  /** Closes the watches; cycles asked for later do nothing. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.publishTimer);
    for (const watch of this.watches.values()) watch.stop();
  }

  /** The latest snapshot. */
  get snapshot(): ClusterSnapshot {
    return this.current;
  }

  private replace(snapshot: ClusterSnapshot) {
    this.current = snapshot;
    this.options.onPublished?.(snapshot);
  }

  /**
   * Runs one collection cycle and replaces the snapshot. Cycles asked for while one runs (the
   * schedule's, and one an action asks for after changing the cluster) run one after another,
   * so an older listing never replaces a newer one. A `fresh` cycle lists every kind, watched
   * or not, so that it reads what was just written (a watch event may still be on its way).
   */
  collect(options?: { fresh?: boolean }): Promise<void> {
    return this.inTurn(() => this.collectOnce(options?.fresh ?? false));
  }

  private inTurn(work: () => Promise<void> | void): Promise<void> {
    const turn = this.lastCycle.then(() => (this.stopped ? undefined : work()));
    this.lastCycle = turn;
    return turn;
  }

  // Events come in bursts (a rollout changes a Deployment many times): the snapshot takes them
  // together, shortly after the first.
  private changed = () => {
    if (this.publishTimer || this.stopped) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      void this.inTurn(() => this.publishWatched());
    }, PUBLISH_DELAY_MS);
    this.publishTimer.unref?.();
  };

  /** A new snapshot with what the open watches hold now; no request to the cluster. */
  private publishWatched() {
    const now = this.options.now?.() ?? new Date();
    const kinds = new Map(this.current.kinds);
    const statuses = { ...this.current.status.kinds };
    for (const [key, watch] of this.watches) {
      if (watch.live && statuses[key]?.state === 'ok') {
        kinds.set(key, { items: watch.items(), fetchedAt: now });
      }
      if (statuses[key])
        statuses[key] = this.withCollection(key, statuses[key]);
    }
    this.replace({
      ...this.current,
      status: { ...this.current.status, kinds: statuses },
      kinds,
    });
  }

  private withCollection(
    key: string,
    status: ResourceKindStatus,
  ): ResourceKindStatus {
    const {
      collection: _collection,
      pollReason: _pollReason,
      ...rest
    } = status;
    if (rest.state !== 'ok') return rest;
    const watch = this.watches.get(key);
    if (!watch) {
      return {
        ...rest,
        collection: 'poll',
        pollReason: 'watching is turned off (reserve.refresh.watch)',
      };
    }
    const pollReason = watch.pollReason;
    return pollReason
      ? { ...rest, collection: 'poll', pollReason }
      : { ...rest, collection: 'watch' };
  }

  private watchOf(
    kind: CollectedKind,
    namespace?: string,
  ): KindWatch | undefined {
    if (this.options.watch === false) return undefined;
    let watch = this.watches.get(kind.key);
    if (!watch) {
      const compact = this.compactor(kind);
      watch = new KindWatch(
        {
          key: kind.key,
          apiVersion: kind.apiVersion,
          namespace,
          compact: item => compactListing([item], compact).items[0],
          routine: kind.key === 'leases' ? onlyRenewed : undefined,
        },
        {
          onChange: this.changed,
          // A listing now, not at the next cycle: the watch could not catch up.
          onExpired: () => void this.collect(),
          logger: this.options.logger,
        },
      );
      this.watches.set(kind.key, watch);
    }
    return watch;
  }

  private compactor(kind: CollectedKind): Compactor | undefined {
    if (kind.key === 'secrets') {
      return (item: KubernetesObject) => this.options.secrets.digest(item);
    }
    return COMPACTORS[kind.key];
  }

  private async collectOnce(fresh: boolean): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    let connection: ClusterConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      this.replace({
        ...this.current,
        status: this.failedStatus(now, describeFailure(error), {}),
      });
      return;
    }
    const [version, certificate, ...listings] = await Promise.allSettled([
      connection.version(),
      connection.servingCertificateNotAfter(),
      ...COLLECTED_KINDS.map(kind => this.listKind(connection, kind, fresh)),
    ]);

    const kinds = new Map(this.current.kinds);
    const kindStatus: Record<string, ResourceKindStatus> = {};
    const failures: ClusterRequestFailure[] = [];
    COLLECTED_KINDS.forEach((kind, i) => {
      const result = listings[i];
      if (result.status === 'fulfilled') {
        const { items, problems } = result.value;
        kinds.set(kind.key, { items, fetchedAt: now });
        kindStatus[kind.key] = this.withCollection(
          kind.key,
          problems.length
            ? { state: 'ok', message: problems.join('; ') }
            : { state: 'ok' },
        );
        this.noteProblems(kind.key, problems);
        return;
      }
      const failure = describeFailure(result.reason);
      failures.push(failure);
      if (failure.reason === 'absent' && kind.optional) {
        kinds.delete(kind.key);
        kindStatus[kind.key] = { state: 'absent', message: failure.message };
      } else {
        kindStatus[kind.key] = {
          state: failure.reason === 'forbidden' ? 'forbidden' : 'failed',
          message: failure.message,
        };
      }
    });
    const versionFailure =
      version.status === 'rejected'
        ? describeFailure(version.reason)
        : undefined;
    this.replace({
      name: this.name,
      status: this.status(now, versionFailure, failures, kindStatus),
      version:
        version.status === 'fulfilled' ? version.value : this.current.version,
      apiCertificateNotAfter:
        certificate.status === 'fulfilled'
          ? certificate.value.toISOString()
          : this.current.apiCertificateNotAfter,
      kinds,
    });
  }

  private async listKind(
    connection: ClusterConnection,
    kind: CollectedKind,
    fresh: boolean,
  ): Promise<CompactListing> {
    const namespace =
      kind.namespace === 'velero'
        ? this.options.veleroNamespace
        : kind.namespace;
    const watch = this.watchOf(kind, namespace);
    if (watch?.live && !fresh) {
      return {
        items: watch.items(),
        problems: this.lastProblems.get(kind.key) ?? [],
      };
    }
    const { items, resourceVersion } = await connection.listWithVersion(
      kind.apiVersion,
      kind.kind,
      namespace,
    );
    const listing = compactListing(items, this.compactor(kind));
    // A listing that says what the last one said keeps its objects, and so the reports
    // judged from them.
    listing.items = unlessUnchanged(
      this.current.kinds.get(kind.key)?.items,
      listing.items,
    );
    this.lastProblems.set(kind.key, listing.problems);
    watch?.follow(connection, listing.items, resourceVersion);
    return listing;
  }

  // A malformed answer is logged when it starts or changes, not on every cycle it lasts.
  private noteProblems(key: string, problems: string[]) {
    const text = problems.join('; ');
    if (text && this.listingProblems.get(key) !== text) {
      this.options.logger.warn(
        `Cluster ${this.name} listed ${key} with problems: ${text}`,
      );
    }
    if (text) this.listingProblems.set(key, text);
    else this.listingProblems.delete(key);
  }

  // The cluster as a whole is unreachable or unauthorized when its discovery (`/version`) fails
  // that way; kinds failing on their own leave the cluster `ok` with those kinds marked.
  private status(
    now: Date,
    versionFailure: ClusterRequestFailure | undefined,
    failures: ClusterRequestFailure[],
    kinds: Record<string, ResourceKindStatus>,
  ): ClusterStatus {
    const clusterFailure =
      failures.find(f => f.reason === 'unauthorized') ??
      (versionFailure?.reason === 'unreachable' ||
      versionFailure?.reason === 'unauthorized'
        ? versionFailure
        : undefined);
    if (!clusterFailure) {
      if (this.failingSince) {
        this.options.logger.info(`Cluster ${this.name} is reachable again`);
      }
      this.failingSince = undefined;
      return { state: 'ok', collectedAt: now.toISOString(), kinds };
    }
    return this.failedStatus(now, clusterFailure, kinds);
  }

  private failedStatus(
    now: Date,
    failure: ClusterRequestFailure,
    kinds: Record<string, ResourceKindStatus>,
  ): ClusterStatus {
    if (!this.failingSince) {
      this.failingSince = now;
      this.options.logger.warn(
        `Cluster ${this.name} is ${failure.reason}: ${failure.message}`,
      );
    }
    const { collectedAt } = this.current.status;
    return {
      state: failure.reason === 'unauthorized' ? 'unauthorized' : 'unreachable',
      message: failure.message,
      collectedAt,
      // The last good data is still served; say since when it stopped being refreshed.
      staleSince: collectedAt ? this.failingSince.toISOString() : undefined,
      kinds,
    };
  }
}
