import { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterConnection, describeFailure } from './ClusterConnection';
import { sameFacts } from './compactObjects';

/** The server ends a watch after this many seconds, plus up to as many again (jitter). */
const WATCH_SECONDS = 300;
/** With no event nor bookmark for this long past its timeout, a watch is taken for dead. */
const IDLE_GRACE_MS = 60_000;
/**
 * Once a watch has sent a bookmark, the longest silence it is trusted through: API servers
 * send a bookmark about once a minute, so three minutes without one is a connection that
 * died unnoticed, and the kind's objects must not pass for current that long.
 */
const BOOKMARKED_SILENCE_MS = 3 * 60_000;
/** The longest wait before watching again: after failures (doubling from 1 s) or a refusal. */
const MAX_BACKOFF_MS = 5 * 60_000;

/** Where a kind's objects are and how to keep one, for {@link KindWatch}. */
export interface WatchedKind {
  /** The collected kind's key: `deployments`, `backups.velero.io`... */
  key: string;
  apiVersion: string;
  namespace?: string;
  /** Compacts an object as listings are; undefined leaves it out (no name, say). */
  compact: (item: KubernetesObject) => KubernetesObject | undefined;
  /**
   * A change not worth a new snapshot on its own (a Lease's renewal every few seconds): kept,
   * and taken by the next collection or the next other change.
   */
  routine?: (before: KubernetesObject, after: KubernetesObject) => boolean;
}

/**
 * Keeps one kind of one cluster current between listings: from a listing's resourceVersion it
 * watches the kind (with bookmarks) and applies each event, so that a change shows without
 * listing again.
 *
 * The server ends each watch after 5 to 10 minutes (a random timeout, so that watches do not
 * reconnect together) and it is opened again from the last resourceVersion. A watch that fails
 * or is refused (403, 405: RBAC without the `watch` verb) is opened again after a backoff with
 * jitter (1 s doubling up to 5 min; 5 min after a refusal); meanwhile the kind is not `live`
 * and the collector lists it every cycle, and `pollReason` says why. `410 Gone` (the server's
 * history no longer reaches the resourceVersion) asks for a listing at once, which starts the
 * next watch.
 */
export class KindWatch {
  private readonly objects = new Map<string, KubernetesObject>();
  private sorted?: KubernetesObject[];
  private resourceVersion?: string;
  private connection?: ClusterConnection;
  /** Bumped whenever a watch ends, so that a late callback of an old one changes nothing. */
  private attempt = 0;
  private connecting = false;
  private handle?: { stop(): void };
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private idle?: NodeJS.Timeout;
  private problem?: string;
  private stopped = false;
  /** Whether the open watch has sent a bookmark: then it is expected to go on sending them. */
  private bookmarked = false;

  constructor(
    private readonly kind: WatchedKind,
    private readonly hooks: {
      /** The kind's objects changed. */
      onChange: () => void;
      /** The watch cannot go on from its resourceVersion: list the kind again now. */
      onExpired: () => void;
      logger: LoggerService;
      random?: () => number;
    },
  ) {}

  /** Whether a watch is open: the objects follow the cluster and no listing is needed. */
  get live(): boolean {
    return this.handle !== undefined;
  }

  /** Why the kind is listed every cycle instead of followed by a watch, when it is. */
  get pollReason(): string | undefined {
    if (this.live) return undefined;
    if (this.problem) return this.problem;
    if (this.connecting) return 'its watch is being opened';
    return this.resourceVersion
      ? 'its watch is not open'
      : 'its listing carried no resourceVersion to watch from';
  }

  /** The kind's objects as the watch has them, in the API server's order (namespace, name). */
  items(): KubernetesObject[] {
    this.sorted ??= [...this.objects.entries()]
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([, item]) => item);
    return this.sorted;
  }

  /**
   * Takes a fresh listing (already compacted) and watches the kind from its resourceVersion,
   * unless a watch is open or being opened (it then holds the objects) or is due after a
   * backoff.
   */
  follow(
    connection: ClusterConnection,
    items: readonly KubernetesObject[],
    resourceVersion: string | undefined,
  ): void {
    if (this.live || this.connecting || this.stopped) return;
    this.connection = connection;
    this.objects.clear();
    for (const item of items) this.objects.set(keyOf(item), item);
    this.sorted = undefined;
    this.resourceVersion = resourceVersion;
    if (!this.retry) void this.watch();
  }

  /** Closes the watch for good. */
  stop(): void {
    this.stopped = true;
    this.close();
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private async watch(): Promise<void> {
    const { connection, resourceVersion } = this;
    if (this.stopped || !connection || !resourceVersion) return;
    const attempt = this.attempt;
    const current = () => attempt === this.attempt && !this.stopped;
    const random = this.hooks.random ?? Math.random;
    const timeoutSeconds = Math.round(WATCH_SECONDS * (1 + random()));
    this.connecting = true;
    try {
      const handle = await connection.watch({
        apiVersion: this.kind.apiVersion,
        plural: this.kind.key.split('.')[0],
        namespace: this.kind.namespace,
        resourceVersion,
        timeoutSeconds,
        onEvent: (type, object) => {
          if (current()) this.apply(type, object, timeoutSeconds);
        },
        onEnd: error => {
          if (current()) this.ended(error);
        },
      });
      if (!current()) {
        handle.stop();
        return;
      }
      this.connecting = false;
      this.handle = handle;
      this.armIdle(timeoutSeconds);
      if (this.problem) {
        this.hooks.logger.info(`Watching ${this.kind.key} again`);
        this.problem = undefined;
      }
    } catch (error) {
      if (current()) this.ended(error);
    }
  }

  private apply(
    type: string,
    object: KubernetesObject,
    timeoutSeconds: number,
  ) {
    if (type === 'BOOKMARK') this.bookmarked = true;
    this.armIdle(timeoutSeconds);
    if (type === 'ERROR') {
      const status = object as { code?: number; message?: string };
      if (status.code === 410) {
        this.expired();
        return;
      }
      this.ended(
        Object.assign(new Error(status.message ?? 'watch error'), {
          code: status.code,
        }),
      );
      return;
    }
    const version = object?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    this.failures = 0;
    if (type === 'BOOKMARK') return;
    const key = keyOf(object);
    if (type === 'DELETED') {
      this.objects.delete(key);
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const before = this.objects.get(key);
      const compacted = this.kind.compact(object);
      // A write to fields nothing reads (a Node's heartbeat): the object kept stays.
      if (before && compacted && sameFacts(before, compacted)) return;
      if (compacted) this.objects.set(key, compacted);
      else this.objects.delete(key);
      if (before && compacted && this.kind.routine?.(before, compacted)) {
        this.sorted = undefined;
        return;
      }
    } else {
      return;
    }
    this.sorted = undefined;
    this.hooks.onChange();
  }

  private ended(error?: unknown) {
    const wasLive = this.live;
    this.close();
    if (this.stopped || !this.resourceVersion) return;
    if (!error) {
      // The server ended the watch at its timeout: go on from where it was.
      void this.watch();
      return;
    }
    const code = (error as { code?: unknown }).code;
    if (code === 410) {
      this.expired();
      return;
    }
    const failure = describeFailure(error);
    const refused = failure.reason === 'forbidden' || code === 405;
    this.failures += 1;
    const random = this.hooks.random ?? Math.random;
    const backoffMs = refused
      ? MAX_BACKOFF_MS
      : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
    const delayMs = Math.round(backoffMs * (0.5 + random() / 2));
    const again = `watching again in ${Math.ceil(delayMs / 1000)} s`;
    const problem = refused
      ? `the cluster refuses to watch ${this.kind.key} (${failure.message}); ${again}`
      : `its watch failed (${failure.message}); ${again}`;
    if (!this.problem) {
      this.hooks.logger.warn(
        `Listing ${this.kind.key} every refresh: ${problem}`,
      );
    }
    this.problem = problem;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.watch();
    }, delayMs);
    this.retry.unref?.();
    // Until then the kind is listed every cycle; the snapshot's status says so.
    if (wasLive) this.hooks.onChange();
  }

  // The history no longer reaches our resourceVersion (410, as an event or as the answer):
  // only a listing can catch up.
  private expired() {
    this.resourceVersion = undefined;
    this.close();
    this.hooks.onExpired();
  }

  // Silent for longer than the server keeps a watch open, or than it goes between bookmarks
  // once it has sent one: the connection died unnoticed.
  private armIdle(timeoutSeconds: number) {
    clearTimeout(this.idle);
    this.idle = setTimeout(
      () =>
        this.ended(
          new Error(
            this.bookmarked
              ? 'no event nor bookmark for 3 min'
              : 'no event nor bookmark past its timeout',
          ),
        ),
      this.bookmarked
        ? BOOKMARKED_SILENCE_MS
        : timeoutSeconds * 1000 + IDLE_GRACE_MS,
    );
    this.idle.unref?.();
  }

  private close() {
    this.attempt += 1;
    this.bookmarked = false;
    this.connecting = false;
    clearTimeout(this.idle);
    this.idle = undefined;
    const handle = this.handle;
    this.handle = undefined;
    handle?.stop();
  }
}

function keyOf(item: KubernetesObject): string {
  return `${item.metadata?.namespace ?? ''}/${item.metadata?.name ?? ''}`;
}
