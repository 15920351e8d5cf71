import { ClusterSummary } from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { evaluateClusterPlatform } from '../checks/platform/clusterPlatform';
import { buildClusterSide } from '../view/buildEntityView';
import { PlatformThresholds } from '../platform/thresholds';

/**
 * Clusters on their own, for `GET /clusters`, the platform page and the clusters a group owns:
 * each snapshot's summary with the cluster-scoped platform checks.
 */
export class ClusterOverview {
  constructor(
    private readonly options: {
      snapshots: ClusterSnapshots;
      thresholds: PlatformThresholds;
      now?: () => Date;
    },
  ) {}

  /** Every configured cluster, in configuration order. */
  list(): ClusterSummary[] {
    return this.options.snapshots
      .summaries()
      .map(summary => this.withPlatform(summary));
  }

  /** One configured cluster; undefined for a name Kube Reserve does not know. */
  get(name: string): ClusterSummary | undefined {
    const { snapshots } = this.options;
    return snapshots.cluster(name)
      ? this.withPlatform(snapshots.summary(name))
      : undefined;
  }

  private withPlatform(summary: ClusterSummary): ClusterSummary {
    const { snapshots, thresholds, now } = this.options;
    const side = buildClusterSide(snapshots, summary.name, summary.role);
    return side
      ? {
          ...summary,
          platform: evaluateClusterPlatform(
            side,
            now?.() ?? new Date(),
            thresholds,
          ),
        }
      : summary;
  }
}
