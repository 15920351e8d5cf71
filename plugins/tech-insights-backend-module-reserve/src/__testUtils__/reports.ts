import {
  CheckId,
  CheckResult,
  CheckState,
  checkCatalogue,
  ClusterConnectionState,
  EntityReport,
  ReportCluster,
  scoreChecks,
  verdictOf,
} from '@kube-reserve/plugin-reserve-common';

function reportCluster(
  name: string,
  role: 'primary' | 'reserve',
  state: ClusterConnectionState,
): ReportCluster {
  return {
    name,
    role,
    roleInPair: role,
    site: role === 'primary' ? 'fra1' : 'ams3',
    status: { state, kinds: {} },
  };
}

/**
 * A report as the reserve backend serves it: every check of the catalogue, passing unless
 * `states` says otherwise, with the score and verdict reserve-common's scoring gives them.
 */
export function entityReport(
  entityRef: string,
  states: Partial<Record<CheckId, CheckState>> = {},
  options: { reserveCluster?: ClusterConnectionState } = {},
): EntityReport {
  const checks: CheckResult[] = checkCatalogue.map(({ id }) => ({
    id,
    state: states[id] ?? 'pass',
    message: `${id} is ${states[id] ?? 'pass'}`,
    clusters: [],
  }));
  return {
    entityRef,
    policy: {
      mode: 'warm',
      replicaRatio: { primary: 6, reserve: 4 },
      rpo: { ms: 86_400_000, text: '24h' },
      rto: { ms: 3_600_000, text: '1h' },
      drillInterval: { ms: 7_776_000_000, text: '90d' },
      siteConfig: [],
      externalServices: [],
      cronJobs: 'primary-only',
      clusters: { primary: 'prod-fra', reserves: ['reserve-ams'] },
      problems: [],
    },
    clusters: [
      reportCluster('prod-fra', 'primary', 'ok'),
      reportCluster('reserve-ams', 'reserve', options.reserveCluster ?? 'ok'),
    ],
    checks,
    score: scoreChecks(checks),
    verdict: verdictOf(checks),
    generatedAt: '2026-12-07T21:24:41.000Z',
  };
}
