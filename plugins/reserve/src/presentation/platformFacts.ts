import {
  CheckId,
  CheckState,
  ClusterNodeCounts,
  ClusterPlatformFacts,
  ClusterSummary,
  KubernetesSupport,
  LeaderLease,
} from '@kube-reserve/plugin-reserve-common';
import { daysUntil } from './age';

/** Days until a cluster's API certificate expires, from its platform facts or its summary. */
export function certificateDaysLeft(
  summary: ClusterSummary | undefined,
  now: Date = new Date(),
): number | undefined {
  if (summary?.platform?.apiCertificateDaysLeft !== undefined) {
    return summary.platform.apiCertificateDaysLeft;
  }
  const notAfter = summary?.apiCertificate?.notAfter;
  return notAfter ? daysUntil(notAfter, now) : undefined;
}

/**
 * Orders clusters by certificate days left, soonest first; a cluster whose certificate could
 * not be read comes after those known, since its expiry cannot be placed.
 */
export function compareByCertificateExpiry(
  a: { name: string; summary?: ClusterSummary },
  b: { name: string; summary?: ClusterSummary },
): number {
  const left = (c: { summary?: ClusterSummary }) =>
    certificateDaysLeft(c.summary) ?? Number.POSITIVE_INFINITY;
  return left(a) - left(b) || a.name.localeCompare(b.name);
}

/** The state of one cluster-scoped check; unknown when the backend did not send it. */
export function platformCheck(
  platform: ClusterPlatformFacts | undefined,
  id: CheckId,
): { state: CheckState; message?: string } {
  const check = platform?.checks.find(c => c.id === id);
  return check ?? { state: 'unknown' };
}

/** Days left on a certificate in words, e.g. `23 d left (2026-04-01)` or `expired 2 d ago`. */
export function describeCertificate(
  daysLeft: number | undefined,
  notAfter?: string,
): string {
  if (daysLeft === undefined) {
    return 'Unknown';
  }
  const date = notAfter ? ` (${notAfter.slice(0, 10)})` : '';
  return daysLeft < 0
    ? `Expired ${-daysLeft} d ago${date}`
    : `${daysLeft} d left${date}`;
}

/** Where a minor stands in the upstream support schedule, e.g. `supported until 2026-10-27`. */
export function describeSupport(
  support: KubernetesSupport | undefined,
  now: Date = new Date(),
): string {
  if (!support) {
    return 'support schedule unknown';
  }
  const endOfLife = support.endOfLife.slice(0, 10);
  if (daysUntil(support.endOfLife, now) < 0) {
    return `end of life since ${endOfLife}`;
  }
  if (
    support.maintenanceModeStart &&
    daysUntil(support.maintenanceModeStart, now) < 0
  ) {
    return `maintenance mode, end of life ${endOfLife}`;
  }
  return `supported until ${endOfLife}`;
}

/** The control plane in a few words: managed, or how many nodes carry its role. */
export function describeControlPlane(platform: ClusterPlatformFacts): string {
  if (platform.managedControlPlane) {
    return 'Managed by the provider';
  }
  if (platform.controlPlaneNodes === undefined) {
    return 'Unknown';
  }
  return `${platform.controlPlaneNodes} node${
    platform.controlPlaneNodes === 1 ? '' : 's'
  }`;
}

/** The leader-election Leases in a few words, e.g. `1 of 2 leases fresh`. */
export function describeLeaderElection(leases?: LeaderLease[]): string {
  if (!leases || leases.length === 0) {
    return 'No lease seen';
  }
  const fresh = leases.filter(lease => lease.fresh).length;
  return `${fresh} of ${leases.length} leases fresh`;
}

/** What is wrong with each lease that is not fresh, e.g. `kube-scheduler not renewed`. */
export function describeStaleLeases(leases?: LeaderLease[]): string[] {
  return (leases ?? [])
    .filter(lease => !lease.fresh)
    .map(lease => `${lease.name} ${lease.holder ? 'not renewed' : 'not held'}`);
}

/** Node counts in a few words, e.g. `5 of 6 ready, 3 schedulable workers`. */
export function describeNodes(nodes?: ClusterNodeCounts): string {
  if (!nodes) {
    return 'Unknown';
  }
  return `${nodes.ready} of ${nodes.total} ready, ${
    nodes.schedulableWorkers
  } schedulable worker${nodes.schedulableWorkers === 1 ? '' : 's'}`;
}
