import type { V1Lease } from '@kubernetes/client-node';
import { LeaderLease } from '@kube-reserve/plugin-reserve-common';

/** The kube-system Leases whose holders are the scheduler's and controller manager's leaders. */
export const leaderLeaseNames = [
  'kube-scheduler',
  'kube-controller-manager',
] as const;

function toIso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A leader Lease as last seen: fresh while someone holds it and `seenAt ≤ renewTime +
 * leaseDurationSeconds`, the same rule candidates use before taking a Lease over, applied when
 * the Lease was seen: a leader renews every few seconds, far more often than a cluster is
 * collected, so judging the Lease seen a while ago against the current time would call a
 * healthy leader gone.
 */
export function readLeaderLease(
  name: string,
  leases: readonly V1Lease[],
  seenAt: Date,
): LeaderLease {
  const lease = leases.find(
    l => l.metadata?.name === name && l.metadata?.namespace === 'kube-system',
  );
  const holder = lease?.spec?.holderIdentity || undefined;
  const renewTime = toIso(lease?.spec?.renewTime as Date | string | undefined);
  const leaseDurationSeconds = lease?.spec?.leaseDurationSeconds;
  const fresh =
    holder !== undefined &&
    renewTime !== undefined &&
    leaseDurationSeconds !== undefined &&
    seenAt.getTime() <= Date.parse(renewTime) + leaseDurationSeconds * 1000;
  return {
    name,
    ...(holder ? { holder } : {}),
    ...(renewTime ? { renewTime } : {}),
    ...(leaseDurationSeconds !== undefined ? { leaseDurationSeconds } : {}),
    fresh,
  };
}

/** Whether the Lease of that name exists in the list at all. */
export function hasLease(name: string, leases: readonly V1Lease[]): boolean {
  return leases.some(
    l => l.metadata?.name === name && l.metadata?.namespace === 'kube-system',
  );
}
