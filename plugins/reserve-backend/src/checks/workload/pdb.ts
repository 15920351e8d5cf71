import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { disruptionAllowance } from '../../kube/podDisruptionBudget';
import { EntityView } from '../../view/EntityView';
import { budgetsSelecting } from '../disruptionBudgets';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, servingSides } from '../sides';
import { Workload, scalableWorkloads } from '../workloads';

const id = 'workload.pdb';

function budgetFinding(
  workload: Workload,
  budgets: V1PodDisruptionBudget[],
  cluster: string,
): Finding | undefined {
  const selecting = budgetsSelecting(
    workload.namespace,
    workload.template,
    budgets,
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
  const name = budget.metadata?.name;
  const replicas = workload.replicas ?? 1;
  const allowance = disruptionAllowance(budget, replicas);
  if ('unset' in allowance) {
    return {
      state: 'warn',
      text: `PodDisruptionBudget ${name} on ${cluster} sets neither minAvailable nor maxUnavailable`,
    };
  }
  if ('problem' in allowance) {
    return {
      state: 'fail',
      text: `PodDisruptionBudget ${name} on ${cluster}: ${allowance.problem}, so the disruption controller allows no disruption of ${workload.ref} and drains hang`,
    };
  }
  if (allowance.allowed < 1) {
    return {
      state: 'fail',
      text: `PodDisruptionBudget ${name} allows no voluntary disruption of ${workload.ref} (${replicas} replicas) on ${cluster}, so drains hang`,
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
