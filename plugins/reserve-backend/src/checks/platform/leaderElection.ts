import {
  CheckResult,
  ClusterCheckResult,
  LeaderLease,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import {
  hasLease,
  leaderLeaseNames,
  readLeaderLease,
} from '../../platform/leaderLeases';
import { readSide } from '../../view/clusterData';
import { Finding, clusterResult } from '../outcome';
import { PlatformContext, checkEachCluster } from './clusterScoped';

const id = 'platform.leader-election';

/** When the side's Leases were seen: the time their freshness is judged at. */
export function leasesSeenAt(side: ClusterSideView, now: Date): Date {
  return side.leasesSeenAt ? new Date(side.leasesSeenAt) : now;
}

function leaseFinding(
  lease: LeaderLease,
  cluster: string,
  now: Date,
): Finding | undefined {
  if (lease.fresh) return undefined;
  if (!lease.holder) {
    return {
      state: 'fail',
      text: `nobody holds the ${lease.name} Lease on ${cluster}`,
    };
  }
  if (!lease.renewTime || lease.leaseDurationSeconds === undefined) {
    return {
      state: 'unknown',
      text: `the ${lease.name} Lease on ${cluster} has no renewTime or leaseDurationSeconds`,
    };
  }
  const expiredForMs =
    now.getTime() -
    Date.parse(lease.renewTime) -
    lease.leaseDurationSeconds * 1000;
  return {
    state: 'fail',
    text: `the ${lease.name} Lease on ${cluster} was last renewed at ${
      lease.renewTime
    } and expired ${formatDuration(expiredForMs)} ago (leaseDurationSeconds ${
      lease.leaseDurationSeconds
    })`,
  };
}

/**
 * One cluster's leader election: the kube-scheduler and kube-controller-manager Leases in
 * kube-system are held and `now ≤ renewTime + leaseDurationSeconds`. A managed control plane
 * may hide them: a missing Lease then does not apply rather than fail.
 */
export function leaderElectionResult(
  side: ClusterSideView,
  { now }: PlatformContext,
): ClusterCheckResult {
  const cluster = side.cluster.name;
  const data = readSide(side, ['leases']);
  if ('unknown' in data) return data.unknown;
  const { leases } = data.lists;
  const managed = side.cluster.managedControlPlane === true;
  const present = leaderLeaseNames.filter(name => hasLease(name, leases));
  if (managed && present.length === 0) {
    return {
      cluster,
      state: 'not-applicable',
      message: `${cluster} has a managed control plane that does not show its leader Leases`,
    };
  }
  const findings = leaderLeaseNames
    .map((name): Finding | undefined =>
      hasLease(name, leases)
        ? leaseFinding(
            readLeaderLease(name, leases, leasesSeenAt(side, now)),
            cluster,
            now,
          )
        : {
            state: 'fail',
            text: `no ${name} Lease in kube-system on ${cluster}`,
          },
    )
    .filter((f): f is Finding => f !== undefined);
  return clusterResult(cluster, findings, {
    message: `kube-scheduler and kube-controller-manager on ${cluster} have fresh leaders`,
  });
}

/** platform.leader-election: the scheduler and controller manager have a live leader on each cluster. */
export function checkLeaderElection(view: EntityView): CheckResult {
  return checkEachCluster(view, id, leaderElectionResult);
}
