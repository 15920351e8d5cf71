import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { assessExpiry } from '../../platform/certificateExpiry';
import { unavailableReason } from '../../view/clusterData';
import { PlatformContext, checkEachCluster } from './clusterScoped';

const id = 'platform.api-cert';

/**
 * The API server certificate of one cluster against the thresholds. An expiry read before
 * the cluster stopped answering still fails when it is (nearly) due: it cannot have got
 * worse since, only been renewed.
 */
export function apiCertificateResult(
  side: ClusterSideView,
  { now, thresholds }: PlatformContext,
): ClusterCheckResult {
  const cluster = side.cluster.name;
  if (side.apiCertificateNotAfter === undefined) {
    return {
      cluster,
      state: 'unknown',
      message: `The API server certificate of ${cluster} has not been read yet`,
    };
  }
  const expiry = assessExpiry(side.apiCertificateNotAfter, now, thresholds);
  const reason = unavailableReason(side, []);
  if (reason && expiry.state !== 'fail') {
    return { cluster, state: 'unknown', message: reason };
  }
  return {
    cluster,
    state: expiry.state,
    message: `API server certificate of ${cluster} ${expiry.text}`,
  };
}

/** platform.api-cert: every cluster's API serving certificate is far enough from expiry. */
export function checkApiCertificate(view: EntityView): CheckResult {
  return checkEachCluster(view, id, apiCertificateResult);
}
