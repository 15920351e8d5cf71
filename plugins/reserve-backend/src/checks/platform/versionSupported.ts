import {
  CheckResult,
  ClusterCheckResult,
  KubernetesSupport,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import {
  kubernetesReleasesAsOf,
  minorOf,
  parseKubernetesVersion,
  supportOf,
} from '../../platform/kubernetesVersion';
import { unavailableReason } from '../../view/clusterData';
import { PlatformContext, checkEachCluster } from './clusterScoped';

const id = 'platform.version-supported';

/**
 * One cluster's minor against the release data: fail past end of life, warn in
 * maintenance mode, unknown for a minor the data does not list (it may be newer than the
 * data, or too old to be in it).
 */
export function versionSupportedResult(
  side: ClusterSideView,
  { now }: PlatformContext,
  lookup: (minor: string) => KubernetesSupport | undefined = supportOf,
): ClusterCheckResult {
  const cluster = side.cluster.name;
  const reason = unavailableReason(side, []);
  if (reason) return { cluster, state: 'unknown', message: reason };
  const version = parseKubernetesVersion(side.version);
  if (!version) {
    return {
      cluster,
      state: 'unknown',
      message: side.version
        ? `${cluster} reports an unreadable version '${side.version}'`
        : `The version of ${cluster} is not known yet`,
    };
  }
  const minor = minorOf(version);
  const support = lookup(minor);
  if (!support) {
    return {
      cluster,
      state: 'unknown',
      message: `${cluster} runs ${version.text}: Kubernetes ${minor} is not in Kube Reserve's release data (as of ${kubernetesReleasesAsOf})`,
    };
  }
  const today = now.toISOString().slice(0, 10);
  if (today > support.endOfLife) {
    return {
      cluster,
      state: 'fail',
      message: `${cluster} runs ${version.text}: Kubernetes ${minor} reached end of life on ${support.endOfLife}`,
    };
  }
  if (support.maintenanceModeStart && today >= support.maintenanceModeStart) {
    return {
      cluster,
      state: 'warn',
      message: `${cluster} runs ${version.text}: Kubernetes ${minor} is in maintenance mode since ${support.maintenanceModeStart}, end of life ${support.endOfLife}`,
    };
  }
  return {
    cluster,
    state: 'pass',
    message: `${cluster} runs ${version.text}, supported until ${support.endOfLife}`,
  };
}

/** platform.version-supported: no cluster of the pair runs a minor past end of life. */
export function checkVersionSupported(view: EntityView): CheckResult {
  return checkEachCluster(view, id, (side, context) =>
    versionSupportedResult(side, context),
  );
}
