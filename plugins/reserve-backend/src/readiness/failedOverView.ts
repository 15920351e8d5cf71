import { FailoverState } from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../view/EntityView';

function asRole(
  side: ClusterSideView,
  role: 'primary' | 'reserve',
): ClusterSideView {
  return { ...side, cluster: { ...side.cluster, role } };
}

/**
 * The view the checks judge while the entity is failed over: the cluster serving it is its
 * primary (its CronJobs should run, its size is the full size, its backups are the ones that
 * count) and the former primary is a reserve. Undefined when the failover does not fit the
 * entity's pair any more (its serving cluster is no reserve of it): the configured roles hold.
 */
export function failedOverView(
  view: EntityView,
  failover: FailoverState,
): EntityView | undefined {
  const serving = view.reserves.find(
    side => side.cluster.name === failover.servingCluster,
  );
  const pair = view.policy.clusters;
  if (!serving || !pair) return undefined;
  const others = view.reserves.filter(side => side !== serving);
  const formerPrimary = view.primary ? [asRole(view.primary, 'reserve')] : [];
  return {
    ...view,
    policy: {
      ...view.policy,
      clusters: {
        primary: serving.cluster.name,
        reserves: [
          pair.primary,
          ...pair.reserves.filter(name => name !== serving.cluster.name),
        ],
      },
    },
    primary: asRole(serving, 'primary'),
    reserves: [...formerPrimary, ...others],
    formerPrimary: pair.primary,
  };
}
