import {
  CheckState,
  ClusterPlatformCheck,
  ClusterPlatformFacts,
} from '@kube-reserve/plugin-reserve-common';

const platformCheckIds = [
  'platform.api-cert',
  'platform.version-supported',
  'platform.control-plane',
  'platform.leader-election',
  'platform.nodes',
] as const;

/** Healthy platform facts of a cluster; override any fact or check state. */
export function platformFacts(
  cluster: string,
  overrides: Partial<ClusterPlatformFacts> = {},
  states: Partial<Record<(typeof platformCheckIds)[number], CheckState>> = {},
): ClusterPlatformFacts {
  const checks: ClusterPlatformCheck[] = platformCheckIds.map(id => ({
    id,
    cluster,
    state: states[id] ?? 'pass',
    message: `${id} on ${cluster} is ${states[id] ?? 'pass'}`,
  }));
  return {
    cluster,
    version: 'v1.34.2',
    support: {
      minor: '1.34',
      maintenanceModeStart: '2026-08-28',
      endOfLife: '2026-10-27',
    },
    apiCertificateNotAfter: new Date(
      Date.now() + 200 * 86_400_000,
    ).toISOString(),
    apiCertificateDaysLeft: 200,
    managedControlPlane: false,
    controlPlaneNodes: 3,
    leaderElection: [
      { name: 'kube-scheduler', holder: 'cp-1', fresh: true },
      { name: 'kube-controller-manager', holder: 'cp-2', fresh: true },
    ],
    nodes: {
      total: 6,
      ready: 6,
      controlPlane: 3,
      workers: 3,
      schedulableWorkers: 3,
      notReady: [],
      cordoned: [],
    },
    zones: ['fsn1-dc14', 'fsn1-dc15'],
    checks,
    state: checks.reduce<CheckState>(
      (worst, c) => (c.state !== 'pass' ? c.state : worst),
      'pass',
    ),
    ...overrides,
  };
}
