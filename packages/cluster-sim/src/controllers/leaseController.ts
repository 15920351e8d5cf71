import { ClusterState } from '../cluster/ClusterState';
import { microTime } from '../store/ObjectStore';
import { saveIfChanged } from './saveIfChanged';

/** The annotation that makes the simulator renew a Lease, like a healthy leader would. */
export const RENEW_ANNOTATION = 'cluster-sim.kube-reserve.io/renew';

/** Renews every Lease marked for renewal whose renewTime is older than the interval. */
export function renewLeases(
  cluster: ClusterState,
  now: Date,
  intervalMs: number,
): void {
  const info = cluster.kind('leases');
  for (const lease of cluster.store.list(info)) {
    if (lease.metadata.annotations?.[RENEW_ANNOTATION] !== 'true') continue;
    const last = Date.parse(lease.spec?.renewTime ?? '');
    if (!Number.isNaN(last) && now.getTime() - last < intervalMs) continue;
    saveIfChanged(cluster, info, lease, {
      ...lease,
      spec: {
        holderIdentity: `${lease.metadata.name}-leader`,
        leaseDurationSeconds: 15,
        acquireTime: lease.spec?.acquireTime ?? microTime(now),
        ...lease.spec,
        renewTime: microTime(now),
      },
    });
  }
}
