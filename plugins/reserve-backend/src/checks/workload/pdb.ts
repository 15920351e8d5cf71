import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type {
  IntOrString,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import { EntityView } from '../../readiness/EntityView';
import { selectorMatches } from '../labelSelector';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, servingSides } from '../sides';
import { Workload, scalableWorkloads } from '../workloads';

const id = 'workload.pdb';

// Percentages round up for both fields, as the disruption controller does.
function scaled(value: IntOrString, replicas: number): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  return percent
    ? Math.ceil((Number(percent[1]) * replicas) / 100)
    : Number(value);
}

/** How many pods a budget lets a drain evict out of the desired replicas. */
export function allowedDisruptions(
  budget: V1PodDisruptionBudget,
  replicas: number,
): number | undefined {
  const { maxUnavailable, minAvailable } = budget.spec ?? {};
  if (maxUnavailable !== undefined) return scaled(maxUnavailable, replicas);
  if (minAvailable !== undefined)
    return replicas - scaled(minAvailable, replicas);
  return undefined;
}

function budgetFinding(
  workload: Workload,
  budgets: V1PodDisruptionBudget[],
  cluster: string,
): Finding | undefined {
  const podLabels = workload.template.metadata?.labels ?? {};
  const selecting = budgets.filter(
    budget =>
      budget.metadata?.namespace === workload.namespace &&
      budget.spec?.selector !== undefined &&
      selectorMatches(budget.spec.selector, podLabels),
  );
  if (selecting.length === 0) {
    return {
      state: 'fail',
      text: `no PodDisruptionBudget covers ${workload.ref} on ${cluster}`,
    };
  }
  if (selecting.length > 1) {
    // The eviction API refuses to evict a pod that more than one budget selects.
    const names = selecting.map(b => b.metadata?.name).join(', ');
    return {
      state: 'fail',
      text: `${selecting.length} PodDisruptionBudgets (${names}) select ${workload.ref} on ${cluster}, so every eviction fails`,
    };
  }
  const [budget] = selecting;
  const replicas = workload.replicas ?? 1;
  const allowed = allowedDisruptions(budget, replicas);
  if (allowed === undefined) {
    return {
      state: 'warn',
      text: `PodDisruptionBudget ${budget.metadata?.name} on ${cluster} sets neither minAvailable nor maxUnavailable`,
    };
  }
  if (allowed < 1) {
    return {
      state: 'fail',
      text: `PodDisruptionBudget ${budget.metadata?.name} allows no voluntary disruption of ${workload.ref} (${replicas} replicas) on ${cluster}, so drains hang`,
    };
  }
  return undefined;
}

/** workload.pdb: one PodDisruptionBudget selects the pods and allows at least one disruption. */
export function checkPodDisruptionBudgets(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: servingSides(view),
    kinds: ['deployments', 'statefulSets', 'podDisruptionBudgets'],
    evaluate: (lists, side): ClusterCheckResult => {
      const cluster = side.cluster.name;
      const workloads = scalableWorkloads(lists);
      const findings = workloads
        .map(w => budgetFinding(w, lists.podDisruptionBudgets, cluster))
        .filter((f): f is Finding => f !== undefined);
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No Deployments or StatefulSets on ${cluster}`
            : `Every Deployment and StatefulSet on ${cluster} has a PodDisruptionBudget that allows drains`,
      });
    },
  });
}
