import { LoggerService } from '@backstage/backend-plugin-api';
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
import { SecretDigester } from './secretDigest';

/**
 * Collects one cluster: every kind once per cycle, the version and the serving certificate.
 * A failure is recorded in the snapshot's status (for the cluster or for one kind) and the last
 * good data is kept; nothing here throws to the scheduler.
 */
export class ClusterCollector {
  private current: ClusterSnapshot;
  private failingSince?: Date;
  private lastCycle: Promise<void> = Promise.resolve();
  /** What was wrong with each kind's last answer, to log each new problem once. */
  private readonly listingProblems = new Map<string, string>();

  constructor(
    readonly name: string,
    private readonly connect: () => Promise<ClusterConnection>,
    private readonly options: {
      veleroNamespace: string;
      secrets: SecretDigester;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.current = pendingSnapshot(name);
  }

  /** The latest snapshot. */
  get snapshot(): ClusterSnapshot {
    return this.current;
  }

  /**
   * Runs one collection cycle and replaces the snapshot. Cycles asked for while one runs (the
   * schedule's, and one an action asks for after changing the cluster) run one after another,
   * so an older listing never replaces a newer one.
   */
  collect(): Promise<void> {
    const cycle = this.lastCycle.then(() => this.collectOnce());
    this.lastCycle = cycle;
    return cycle;
  }

  private async collectOnce(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    let connection: ClusterConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      this.current = {
        ...this.current,
        status: this.failedStatus(now, describeFailure(error), {}),
      };
      return;
    }
    const [version, certificate, ...listings] = await Promise.allSettled([
      connection.version(),
      connection.servingCertificateNotAfter(),
      ...COLLECTED_KINDS.map(kind => this.listKind(connection, kind)),
    ]);

    const kinds = new Map(this.current.kinds);
    const kindStatus: Record<string, ResourceKindStatus> = {};
    const failures: ClusterRequestFailure[] = [];
    COLLECTED_KINDS.forEach((kind, i) => {
      const result = listings[i];
      if (result.status === 'fulfilled') {
        const { items, problems } = result.value;
        kinds.set(kind.key, { items, fetchedAt: now });
        kindStatus[kind.key] = problems.length
          ? { state: 'ok', message: problems.join('; ') }
          : { state: 'ok' };
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
    this.current = {
      name: this.name,
      status: this.status(now, versionFailure, failures, kindStatus),
      version:
        version.status === 'fulfilled' ? version.value : this.current.version,
      apiCertificateNotAfter:
        certificate.status === 'fulfilled'
          ? certificate.value.toISOString()
          : this.current.apiCertificateNotAfter,
      kinds,
    };
  }

  private async listKind(
    connection: ClusterConnection,
    kind: CollectedKind,
  ): Promise<CompactListing> {
    const namespace =
      kind.namespace === 'velero'
        ? this.options.veleroNamespace
        : kind.namespace;
    const items = await connection.list(kind.apiVersion, kind.kind, namespace);
    if (kind.key === 'secrets') {
      return compactListing(items, item => this.options.secrets.digest(item));
    }
    return compactListing(items);
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
