import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1Node, V1PodSpec } from '@kubernetes/client-node';
import { ClusterSideView, EntityView } from '../../readiness/EntityView';
import { unavailableReason } from '../clusterData';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, servingSides } from '../sides';
import {
  Workload,
  scalableWorkloadKinds,
  scalableWorkloads,
} from '../workloads';

const id = 'workload.spread';
const hostnameKey = 'kubernetes.io/hostname';
const zoneKeys = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** Whether the pod spec asks the scheduler to spread its pods over one of these topology keys. */
function spreadsOver(podSpec: V1PodSpec | undefined, keys: string[]): boolean {
  const antiAffinity = podSpec?.affinity?.podAntiAffinity;
  const topologyKeys = [
    ...(podSpec?.topologySpreadConstraints ?? []).map(c => c.topologyKey),
    ...(antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      term => term.topologyKey,
    ),
    ...(
      antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    ).map(weighted => weighted.podAffinityTerm.topologyKey),
  ];
  return topologyKeys.some(key => keys.includes(key));
}

function zonesOf(nodes: V1Node[]): string[] {
  const zones = nodes
    .map(node =>
      zoneKeys.map(key => node.metadata?.labels?.[key]).find(Boolean),
    )
    .filter((zone): zone is string => zone !== undefined);
  return [...new Set(zones)].sort();
}

function spreadFinding(
  workload: Workload,
  side: ClusterSideView,
): Finding | undefined {
  const cluster = side.cluster.name;
  const podSpec = workload.template.spec;
  if (!spreadsOver(podSpec, [hostnameKey])) {
    return {
      state: 'fail',
      text: `${workload.ref} on ${cluster} is not spread across nodes (no topologySpreadConstraints or podAntiAffinity on ${hostnameKey})`,
    };
  }
  if (spreadsOver(podSpec, zoneKeys)) return undefined;
  if (side.nodes === undefined) {
    return {
      state: 'unknown',
      text: `cannot tell whether ${
        workload.ref
      } must spread across zones: ${unavailableReason(side, ['nodes'])}`,
    };
  }
  const zones = zonesOf(side.nodes);
  return zones.length > 1
    ? {
        state: 'warn',
        text: `${
          workload.ref
        } on ${cluster} is not spread across zones although its nodes span ${zones.join(
          ', ',
        )}`,
      }
    : undefined;
}

/** workload.spread: pods spread across nodes, and across zones where the nodes span zones. */
export function checkSpread(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: servingSides(view),
    kinds: scalableWorkloadKinds,
    evaluate: (lists, side): ClusterCheckResult => {
      const cluster = side.cluster.name;
      const workloads = scalableWorkloads(lists);
      const findings = workloads
        .map(w => spreadFinding(w, side))
        .filter((f): f is Finding => f !== undefined);
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No Deployments or StatefulSets on ${cluster}`
            : `Every Deployment and StatefulSet on ${cluster} spreads its pods`,
      });
    },
  });
}
