import { ClusterState } from '../cluster/ClusterState';
import { BucketStore } from '../velero/BucketStore';
import { reconcileBackups } from '../velero/backupController';
import { syncStorageLocations } from '../velero/locationSync';
import { reconcileRestores } from '../velero/restoreController';
import { reconcileSchedules } from '../velero/scheduleController';
import { renewLeases } from './leaseController';
import { finalizeNamespaces } from './namespaceController';
import { publishRootCa } from './rootCaPublisher';
import { reconcileWorkloads } from './workloadController';

/** How often Velero syncs locations, in ticks (real Velero: every minute). */
const SYNC_TICKS = 10;
/** How often marked Leases are renewed, in ticks. */
const RENEW_TICKS = 2;

/**
 * Runs every cluster's controllers once per `pace` milliseconds. Each round is synchronous, so
 * API requests never see a half-applied round.
 */
export class ControllerLoop {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clusters: readonly ClusterState[],
    private readonly bucket: BucketStore,
    private readonly pace: number,
    private readonly onError: (error: unknown, cluster: string) => void,
    /** The CA published in every namespace's `kube-root-ca.crt`. */
    private readonly caPem: string,
  ) {}

  /** Starts ticking. */
  start(): void {
    this.timer ??= setInterval(() => this.tick(new Date()), this.pace);
  }

  /** Stops ticking. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs one round of every controller on every cluster. */
  tick(now: Date): void {
    for (const cluster of this.clusters) {
      try {
        finalizeNamespaces(cluster);
        publishRootCa(cluster, this.caPem);
        reconcileWorkloads(cluster, now);
        renewLeases(cluster, now, this.pace * RENEW_TICKS);
        if (cluster.kinds.resolve('velero.io/backups')) {
          reconcileSchedules(cluster, now);
          reconcileBackups(cluster, this.bucket, now);
          reconcileRestores(cluster, this.bucket, now);
          syncStorageLocations(
            cluster,
            this.bucket,
            now,
            this.pace * SYNC_TICKS,
          );
        }
      } catch (error) {
        this.onError(error, cluster.name);
      }
    }
  }
}
