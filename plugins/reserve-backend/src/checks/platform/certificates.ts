import {
  CheckResult,
  ClusterCheckResult,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import {
  ClusterSideView,
  EntityView,
  resourceOfKind,
} from '../../view/EntityView';
import { CertManagerCertificate } from '../../kube/certManagerTypes';
import { assessExpiry } from '../../platform/certificateExpiry';
import { readSide, unavailableReason } from '../../view/clusterData';
import { Finding, clusterResult } from '../outcome';
import { PlatformContext, checkEachCluster } from './clusterScoped';

const id = 'platform.certificates';

/** `Certificate <namespace>/<name>`, as messages name it. */
export function certificateRef(certificate: CertManagerCertificate): string {
  return `Certificate ${certificate.metadata?.namespace}/${certificate.metadata?.name}`;
}

function renewalNote(certificate: CertManagerCertificate, now: Date): string {
  const { renewalTime, failedIssuanceAttempts } = certificate.status ?? {};
  if (!renewalTime || Date.parse(renewalTime) > now.getTime()) return '';
  const attempts = failedIssuanceAttempts
    ? `, ${failedIssuanceAttempts} failed issuance attempts`
    : '';
  return `; renewal due since ${renewalTime.slice(
    0,
    10,
  )} has not happened${attempts}`;
}

/** What is wrong with one Certificate: not Ready, expiring, or with an unknown expiry. */
export function certificateFinding(
  certificate: CertManagerCertificate,
  cluster: string,
  { now, thresholds }: PlatformContext,
): Finding | undefined {
  const ref = `${certificateRef(certificate)} on ${cluster}`;
  const ready = certificate.status?.conditions?.find(c => c.type === 'Ready');
  const renewal = renewalNote(certificate, now);
  if (ready?.status !== 'True') {
    const why = ready
      ? ` (${ready.reason ?? ready.status}${
          ready.message ? `: ${ready.message}` : ''
        })`
      : '';
    return { state: 'fail', text: `${ref} is not Ready${why}${renewal}` };
  }
  const expiry = assessExpiry(certificate.status?.notAfter, now, thresholds);
  if (expiry.state === 'pass') {
    return renewal
      ? { state: 'warn', text: `${ref} ${expiry.text}${renewal}` }
      : undefined;
  }
  return { state: expiry.state, text: `${ref} ${expiry.text}${renewal}` };
}

/**
 * The entity's cert-manager Certificates on one cluster: Ready and not expiring soon (the
 * thresholds of platform.api-cert). Not applicable where cert-manager is not installed or
 * the entity has no Certificate.
 */
export function certificatesResult(
  side: ClusterSideView,
  context: PlatformContext,
): ClusterCheckResult {
  const cluster = side.cluster.name;
  const reason = unavailableReason(side, []);
  if (reason) return { cluster, state: 'unknown', message: reason };
  if (side.status.kinds[resourceOfKind.certificates]?.state === 'absent') {
    return {
      cluster,
      state: 'not-applicable',
      message: `cert-manager is not installed on ${cluster}`,
    };
  }
  const data = readSide(side, ['certificates']);
  if ('unknown' in data) return data.unknown;
  const { certificates } = data.lists;
  const findings = certificates
    .map(c => certificateFinding(c, cluster, context))
    .filter((f): f is Finding => f !== undefined);
  return clusterResult(cluster, findings, {
    state: certificates.length === 0 ? 'not-applicable' : 'pass',
    message:
      certificates.length === 0
        ? `The entity has no cert-manager Certificate on ${cluster}`
        : `${certificates.length} Certificate${
            certificates.length === 1 ? '' : 's'
          } on ${cluster} Ready and valid beyond ${formatDuration(
            context.thresholds.certWarning.ms,
          )}`,
  });
}

/** platform.certificates: the entity's cert-manager Certificates are Ready and far from expiry. */
export function checkCertificates(view: EntityView): CheckResult {
  return checkEachCluster(view, id, certificatesResult);
}
