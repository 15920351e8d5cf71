import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1Service } from '@kubernetes/client-node';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { unavailableReason } from '../../view/clusterData';
import { Finding, clusterResult, notApplicable } from '../outcome';
import { evaluateSides, pairSides } from '../sides';
import {
  Workload,
  allWorkloads,
  containersOf,
  workloadKinds,
} from '../workloads';

const id = 'parity.external-services';
const ipv4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
// Listen and loopback addresses are not external dependencies.
const harmlessIp = (ip: string) => ip === '0.0.0.0' || ip.startsWith('127.');

function serviceFinding(
  service: V1Service,
  side: ClusterSideView,
): Finding | undefined {
  const cluster = side.cluster.name;
  const ref = `Service ${service.metadata?.namespace}/${service.metadata?.name}`;
  if (service.spec?.type === 'ExternalName') {
    return service.spec.externalName
      ? undefined
      : {
          state: 'fail',
          text: `${ref} on ${cluster} is ExternalName without an externalName`,
        };
  }
  if (Object.keys(service.spec?.selector ?? {}).length > 0) {
    return {
      state: 'fail',
      text: `${ref} on ${cluster} selects pods; an external dependency needs an ExternalName or selectorless Service`,
    };
  }
  if (side.endpoints === undefined) {
    return {
      state: 'unknown',
      text: `cannot check ${ref}: ${unavailableReason(side, ['endpoints'])}`,
    };
  }
  const endpoints = side.endpoints.find(
    e =>
      e.metadata?.namespace === service.metadata?.namespace &&
      e.metadata?.name === service.metadata?.name,
  );
  const addresses = (endpoints?.subsets ?? []).flatMap(s => s.addresses ?? []);
  return addresses.length > 0
    ? undefined
    : {
        state: 'fail',
        text: `selectorless ${ref} has no Endpoints addresses on ${cluster}`,
      };
}

function rawIpFindings(workload: Workload, cluster: string): Finding[] {
  return containersOf(workload, { includeInit: true }).flatMap(container =>
    (container.env ?? []).flatMap((variable): Finding[] => {
      const ips = (variable.value?.match(ipv4) ?? []).filter(
        ip => !harmlessIp(ip),
      );
      return ips.length === 0
        ? []
        : [
            {
              state: 'warn',
              text: `env ${variable.name} of ${
                workload.ref
              } on ${cluster} holds the raw IP ${ips.join(
                ', ',
              )}; reach it through a Service`,
            },
          ];
    }),
  );
}

/**
 * parity.external-services: declared external services are ExternalName, or selectorless
 * with Endpoints, on both sides; environment values holding raw IPs get a warning.
 */
export function checkExternalServices(view: EntityView): CheckResult {
  if (view.policy.mode === 'none') {
    return notApplicable(id, 'Mode none: there is no reserve to switch to');
  }
  if (view.primary && view.reserves.length === 0) {
    return notApplicable(id, 'The entity has no reserve cluster');
  }
  const declared = view.policy.externalServices;
  return evaluateSides(view, {
    id,
    sides: pairSides(view),
    kinds: ['services', ...workloadKinds],
    evaluate: (lists, side): ClusterCheckResult => {
      const cluster = side.cluster.name;
      const findings: Finding[] = declared.flatMap((name): Finding[] => {
        const services = lists.services.filter(s => s.metadata?.name === name);
        if (services.length === 0) {
          return [
            {
              state: 'fail',
              text: `external service ${name} is missing on ${cluster}`,
            },
          ];
        }
        return services
          .map(service => serviceFinding(service, side))
          .filter((f): f is Finding => f !== undefined);
      });
      findings.push(
        ...allWorkloads(lists).flatMap(w => rawIpFindings(w, cluster)),
      );
      return clusterResult(cluster, findings, {
        state: declared.length === 0 ? 'not-applicable' : 'pass',
        message:
          declared.length === 0
            ? `No external services declared, and no raw IPs in environment values on ${cluster}`
            : `${declared.join(', ')} ${
                declared.length === 1
                  ? 'is an external Service'
                  : 'are external Services'
              } on ${cluster}`,
      });
    },
  });
}
