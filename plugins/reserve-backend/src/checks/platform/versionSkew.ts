import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import {
  KubernetesVersion,
  minorsApart,
  parseKubernetesVersion,
} from '../../platform/kubernetesVersion';
import { kubeletVersionOf, nodeName } from '../../platform/nodeFacts';
import { readSide, unavailableReason } from '../../view/clusterData';
import {
  Finding,
  clusterResult,
  combineClusterResults,
  unknownResult,
} from '../outcome';
import { missingPrimaryMessage } from '../sides';
import { platformSides } from './clusterScoped';

const id = 'platform.version-skew';
/** Kubelets may be up to three minors older than the API server (since Kubernetes 1.28). */
const maxKubeletLag = 3;
/** Primary and reserve must accept the same manifests: one minor apart at most. */
const maxPairSkew = 1;

function kubeletFindings(
  side: ClusterSideView,
  api: KubernetesVersion,
): Finding[] {
  const cluster = side.cluster.name;
  const data = readSide(side, ['nodes']);
  if ('unknown' in data) {
    return [{ state: 'unknown', text: data.unknown.message }];
  }
  return data.lists.nodes.flatMap((node): Finding[] => {
    const text = kubeletVersionOf(node);
    const kubelet = parseKubernetesVersion(text);
    const name = nodeName(node);
    if (!kubelet) {
      return [
        {
          state: 'unknown',
          text: `node ${name} on ${cluster} reports no readable kubelet version`,
        },
      ];
    }
    const lag = minorsApart(api, kubelet);
    if (lag < 0) {
      return [
        {
          state: 'fail',
          text: `the kubelet of ${name} (${kubelet.text}) is newer than the API server of ${cluster} (${api.text})`,
        },
      ];
    }
    if (lag > maxKubeletLag) {
      return [
        {
          state: 'fail',
          text: `the kubelet of ${name} (${kubelet.text}) is ${lag} minors behind the API server of ${cluster} (${api.text}); at most ${maxKubeletLag} are supported`,
        },
      ];
    }
    return [];
  });
}

function pairFindings(
  reserve: KubernetesVersion,
  primary: ClusterSideView,
  cluster: string,
): Finding[] {
  const primaryVersion = parseKubernetesVersion(primary.version);
  if (!primaryVersion || unavailableReason(primary, [])) {
    return [
      {
        state: 'unknown',
        text: `the version of the primary ${primary.cluster.name} is not known, so ${cluster} cannot be compared with it`,
      },
    ];
  }
  const apart = Math.abs(minorsApart(reserve, primaryVersion));
  return apart > maxPairSkew
    ? [
        {
          state: 'fail',
          text: `${cluster} (${reserve.text}) is ${apart} minors from the primary ${primary.cluster.name} (${primaryVersion.text}); at most ${maxPairSkew} is allowed`,
        },
      ]
    : [];
}

/**
 * One cluster's skew: its kubelets against its API server and, for a reserve, its API
 * server against the primary's. Without a reserve there is no pair to compare, so a clean
 * primary answers not-applicable (its kubelets are still checked).
 */
export function versionSkewResult(
  side: ClusterSideView,
  primary: ClusterSideView,
  hasReserves: boolean,
): ClusterCheckResult {
  const cluster = side.cluster.name;
  const reason = unavailableReason(side, []);
  if (reason) return { cluster, state: 'unknown', message: reason };
  const api = parseKubernetesVersion(side.version);
  if (!api) {
    return {
      cluster,
      state: 'unknown',
      message: `The API server version of ${cluster} is not known`,
    };
  }
  const isPrimary = side === primary;
  const findings = [
    ...(isPrimary ? [] : pairFindings(api, primary, cluster)),
    ...kubeletFindings(side, api),
  ];
  const kubelets = `every kubelet within ${maxKubeletLag} minors below ${api.text}, none newer`;
  return clusterResult(cluster, findings, {
    state: isPrimary && !hasReserves ? 'not-applicable' : 'pass',
    message: isPrimary
      ? `${cluster}: ${kubelets}${
          hasReserves ? '' : '; no reserve to compare with'
        }`
      : `${cluster} is within ${maxPairSkew} minor of ${primary.cluster.name}; ${kubelets}`,
  });
}

/** platform.version-skew: primary and reserves one minor apart at most, kubelets within policy. */
export function checkVersionSkew(view: EntityView): CheckResult {
  const { primary } = view;
  if (!primary) return unknownResult(id, missingPrimaryMessage(view));
  const sides = platformSides(view);
  const hasReserves = sides.length > 1;
  return combineClusterResults(
    id,
    sides.map(side => versionSkewResult(side, primary, hasReserves)),
  );
}
