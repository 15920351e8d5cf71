import {
  CheckResult,
  ClusterCheckResult,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import type { V1ResourceQuota } from '@kubernetes/client-node';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';
import {
  Workload,
  byRef,
  scalableWorkloadKinds,
  scalableWorkloads,
} from '../workloads';
import { ResourceDemand, podRequests, quotaFindings } from './quotaHeadroom';

const id = 'parity.capacity';

interface ScaledPair {
  workload: Workload;
  primaryReplicas: number;
  reserveReplicas: number;
}

/** The replicas a hot or warm reserve must run for a primary workload of this size. */
function targetReplicas(policy: EntityPolicy, primaryReplicas: number): number {
  if (policy.mode === 'hot') return primaryReplicas;
  const { primary, reserve } = policy.replicaRatio;
  return Math.ceil((primaryReplicas * reserve) / primary);
}

function sizeFindings(
  pairs: ScaledPair[],
  policy: EntityPolicy,
  cluster: string,
): Finding[] {
  const how =
    policy.mode === 'hot'
      ? 'hot mode'
      : `warm mode ${policy.replicaRatio.primary}:${policy.replicaRatio.reserve}`;
  return pairs.flatMap(
    ({ workload, primaryReplicas, reserveReplicas }): Finding[] => {
      const target = targetReplicas(policy, primaryReplicas);
      return reserveReplicas >= target
        ? []
        : [
            {
              state: 'fail',
              text: `${workload.ref} runs ${reserveReplicas} on ${cluster}, below the ${target} that ${how} needs for the primary's ${primaryReplicas}`,
            },
          ];
    },
  );
}

/** A cold reserve may sit at zero, but its namespaces' quotas must leave room to scale to the primary. */
function headroomFindings(
  pairs: ScaledPair[],
  quotas: V1ResourceQuota[],
  cluster: string,
): Finding[] {
  const demandByNamespace = new Map<string, ResourceDemand>();
  for (const { workload, primaryReplicas, reserveReplicas } of pairs) {
    const missing = Math.max(primaryReplicas - reserveReplicas, 0);
    const perPod = podRequests(workload);
    const demand = demandByNamespace.get(workload.namespace) ?? {
      cpu: 0,
      memory: 0,
      pods: 0,
    };
    demand.cpu += missing * perPod.cpu;
    demand.memory += missing * perPod.memory;
    demand.pods += missing;
    demandByNamespace.set(workload.namespace, demand);
  }
  return [...demandByNamespace].flatMap(([namespace, demand]) =>
    quotaFindings(
      demand,
      quotas.filter(q => q.metadata?.namespace === namespace),
      cluster,
    ),
  );
}

function scaledPairs(
  primary: Parameters<typeof scalableWorkloads>[0],
  reserve: Parameters<typeof scalableWorkloads>[0],
): ScaledPair[] {
  const onReserve = byRef(scalableWorkloads(reserve));
  return scalableWorkloads(primary).flatMap(workload => {
    const copy = onReserve.get(workload.ref);
    return copy
      ? [
          {
            workload,
            primaryReplicas: workload.replicas ?? 1,
            reserveReplicas: copy.replicas ?? 1,
          },
        ]
      : [];
  });
}

function capacityResult(
  cluster: string,
  pairs: ScaledPair[],
  findings: Finding[],
  passMessage: string,
): ClusterCheckResult {
  return clusterResult(cluster, findings, {
    state: pairs.length === 0 ? 'not-applicable' : 'pass',
    message:
      pairs.length === 0
        ? `No Deployment or StatefulSet of the primary is deployed on ${cluster} to size`
        : passMessage,
  });
}

/**
 * parity.capacity: a hot reserve runs at least the primary's replicas, a warm one at least
 * its share of the replica ratio (rounded up); a cold one may run none, but ResourceQuotas
 * in its namespaces must leave room for the primary's requests. A namespace without a
 * ResourceQuota counts as having room: node capacity is not part of this check.
 */
export function checkCapacity(view: EntityView): CheckResult {
  const { policy } = view;
  if (policy.mode === 'cold') {
    return compareWithReserves(view, {
      id,
      primaryKinds: scalableWorkloadKinds,
      reserveKinds: [...scalableWorkloadKinds, 'resourceQuotas'],
      compare: (primary, reserve, { cluster: { name } }) => {
        const pairs = scaledPairs(primary, reserve);
        return capacityResult(
          name,
          pairs,
          headroomFindings(pairs, reserve.resourceQuotas, name),
          `${name} has quota headroom to scale to the primary`,
        );
      },
    });
  }
  return compareWithReserves(view, {
    id,
    primaryKinds: scalableWorkloadKinds,
    reserveKinds: scalableWorkloadKinds,
    compare: (primary, reserve, { cluster: { name } }) => {
      const pairs = scaledPairs(primary, reserve);
      return capacityResult(
        name,
        pairs,
        sizeFindings(pairs, policy, name),
        `${name} is sized for ${policy.mode} mode`,
      );
    },
  });
}
