import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1Ingress } from '@kubernetes/client-node';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';

const id = 'parity.ingress';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
// Still honoured by most controllers, and common in older manifests.
const legacyClassAnnotation = 'kubernetes.io/ingress.class';

function classOf(ingress: V1Ingress): string | undefined {
  return (
    ingress.spec?.ingressClassName ??
    ingress.metadata?.annotations?.[legacyClassAnnotation]
  );
}

function hostsOf(ingress: V1Ingress): string[] {
  return (ingress.spec?.rules ?? [])
    .map(r => r.host)
    .filter((h): h is string => Boolean(h));
}

/** parity.ingress: the reserve has Ingresses for the primary's hosts, and their IngressClass. */
export function checkIngress(view: EntityView): CheckResult {
  return compareWithReserves(view, {
    id,
    primaryKinds: ['ingresses'],
    reserveKinds: ['ingresses', 'ingressClasses'],
    notApplicableWhen: primary =>
      primary.ingresses.length === 0
        ? 'The entity has no Ingress on the primary'
        : undefined,
    compare: (
      primary,
      reserve,
      { cluster: { name: cluster } },
    ): ClusterCheckResult => {
      const reserveHosts = new Set(reserve.ingresses.flatMap(hostsOf));
      const classes = new Set(
        reserve.ingressClasses.map(c => c.metadata?.name),
      );
      const hasDefault = reserve.ingressClasses.some(
        c => c.metadata?.annotations?.[defaultClassAnnotation] === 'true',
      );
      const classFinding = (ref: string, ingressClass?: string): Finding[] => {
        if (ingressClass === undefined) {
          return hasDefault
            ? []
            : [
                {
                  state: 'fail',
                  text: `${ref} relies on a default IngressClass, which ${cluster} lacks`,
                },
              ];
        }
        return classes.has(ingressClass)
          ? []
          : [
              {
                state: 'fail',
                text: `IngressClass ${ingressClass} of ${ref} is missing on ${cluster}`,
              },
            ];
      };
      const findings: Finding[] = primary.ingresses.flatMap(
        (ingress): Finding[] => {
          const ref = `Ingress ${ingress.metadata?.namespace}/${ingress.metadata?.name}`;
          const missingHosts = hostsOf(ingress).filter(
            host => !reserveHosts.has(host),
          );
          return [
            ...missingHosts.map(
              (host): Finding => ({
                state: 'fail',
                text: `no Ingress on ${cluster} serves ${host} (from ${ref})`,
              }),
            ),
            ...classFinding(ref, classOf(ingress)),
          ];
        },
      );
      return clusterResult(cluster, findings, {
        message: `${cluster} serves the primary's hosts with the same IngressClass`,
      });
    },
  });
}
