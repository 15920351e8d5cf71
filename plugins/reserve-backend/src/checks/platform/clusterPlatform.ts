import {
  CheckId,
  ClusterPlatformCheck,
  ClusterPlatformFacts,
  worstState,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../../view/EntityView';
import { assessExpiry } from '../../platform/certificateExpiry';
import {
  minorOf,
  parseKubernetesVersion,
  supportOf,
} from '../../platform/kubernetesVersion';
import { leaderLeaseNames, readLeaderLease } from '../../platform/leaderLeases';
import { countNodes, zonesOf } from '../../platform/nodeFacts';
import { PlatformThresholds } from '../../platform/thresholds';
import { unavailableReason } from '../../view/clusterData';
import { apiCertificateResult } from './apiCertificate';
import { ClusterPlatformEvaluation } from './clusterScoped';
import { controlPlaneResult } from './controlPlane';
import { leaderElectionResult, leasesSeenAt } from './leaderElection';
import { nodesResult } from './nodes';
import { versionSupportedResult } from './versionSupported';

/** The platform checks that judge a cluster on its own, without an entity, in catalogue order. */
export const clusterScopedPlatformChecks: ReadonlyArray<{
  id: CheckId;
  evaluate: ClusterPlatformEvaluation;
}> = [
  { id: 'platform.api-cert', evaluate: apiCertificateResult },
  {
    id: 'platform.version-supported',
    evaluate: (side, context) => versionSupportedResult(side, context),
  },
  { id: 'platform.control-plane', evaluate: controlPlaneResult },
  { id: 'platform.leader-election', evaluate: leaderElectionResult },
  { id: 'platform.nodes', evaluate: nodesResult },
];

/**
 * One cluster's platform facts and its cluster-scoped platform checks, for the platform
 * page and the clusters a team owns. Facts read from lists are left out when the cluster's
 * data cannot be trusted, as the checks then answer unknown.
 */
export function evaluateClusterPlatform(
  side: ClusterSideView,
  now: Date,
  thresholds: PlatformThresholds,
): ClusterPlatformFacts {
  const context = { now, thresholds };
  const checks: ClusterPlatformCheck[] = clusterScopedPlatformChecks.map(
    ({ id, evaluate }) => ({ id, ...evaluate(side, context) }),
  );
  const version = parseKubernetesVersion(side.version);
  const support = version ? supportOf(minorOf(version)) : undefined;
  const expiry = assessExpiry(side.apiCertificateNotAfter, now, thresholds);
  const trusted = (kind: 'nodes' | 'leases') =>
    unavailableReason(side, [kind]) === undefined;
  const nodes = trusted('nodes') ? side.nodes! : undefined;
  return {
    cluster: side.cluster.name,
    ...(side.version ? { version: side.version } : {}),
    ...(support ? { support } : {}),
    ...(side.apiCertificateNotAfter
      ? { apiCertificateNotAfter: side.apiCertificateNotAfter }
      : {}),
    ...(expiry.daysLeft !== undefined
      ? { apiCertificateDaysLeft: expiry.daysLeft }
      : {}),
    managedControlPlane: side.cluster.managedControlPlane === true,
    ...(nodes
      ? {
          controlPlaneNodes: countNodes(nodes).controlPlane,
          nodes: countNodes(nodes),
          zones: zonesOf(nodes),
        }
      : {}),
    ...(trusted('leases')
      ? {
          leaderElection: leaderLeaseNames.map(name =>
            readLeaderLease(name, side.leases!, leasesSeenAt(side, now)),
          ),
        }
      : {}),
    checks,
    state: worstState(checks.map(c => c.state)),
  };
}
