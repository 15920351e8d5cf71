import type {
  V1PodDisruptionBudget,
  V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { selectorMatches } from '../kube/labelSelector';
import { disruptionAllowance } from '../kube/podDisruptionBudget';

/**
 * The budgets in the namespace whose selector selects pods of the template, as the eviction
 * API finds them: an empty selector selects every pod of the namespace, a missing one none.
 */
export function budgetsSelecting(
  namespace: string,
  template: V1PodTemplateSpec | undefined,
  budgets: readonly V1PodDisruptionBudget[],
): V1PodDisruptionBudget[] {
  const labels = template?.metadata?.labels ?? {};
  return budgets.filter(
    budget =>
      budget.metadata?.namespace === namespace &&
      selectorMatches(budget.spec?.selector, labels),
  );
}

/** How a workload stands up to a drain: its replicas and the budget that guards them. */
export type DrainTolerance =
  | { state: 'pass'; text: string }
  | { state: 'warn' | 'fail'; text: string };

/**
 * Whether a drain of any node keeps a workload serving, from its replicas and budget alone
 * (pods are not collected, so where they run is unknown): more than one replica and exactly
 * one budget allowing at least one disruption tolerates it.
 */
export function drainTolerance(
  ref: string,
  replicas: number,
  budgets: readonly V1PodDisruptionBudget[],
): DrainTolerance {
  if (replicas <= 1) {
    return {
      state: 'fail',
      text: `${ref} has ${replicas} replica${
        replicas === 1 ? '' : 's'
      }: a drain of its node stops it`,
    };
  }
  if (budgets.length === 0) {
    return {
      state: 'warn',
      text: `${ref} has ${replicas} replicas but no PodDisruptionBudget: a drain may evict them all at once`,
    };
  }
  if (budgets.length > 1) {
    return {
      state: 'fail',
      text: `${ref} is selected by ${budgets.length} PodDisruptionBudgets, so every eviction fails and drains hang`,
    };
  }
  const name = budgets[0].metadata?.name;
  const allowance = disruptionAllowance(budgets[0], replicas);
  if ('unset' in allowance) {
    return {
      state: 'warn',
      text: `PodDisruptionBudget ${name} of ${ref} sets neither minAvailable nor maxUnavailable: a drain may evict them all at once`,
    };
  }
  if ('problem' in allowance || allowance.allowed < 1) {
    const why = 'problem' in allowance ? ` (${allowance.problem})` : '';
    return {
      state: 'fail',
      text: `PodDisruptionBudget ${name} allows no disruption of ${ref}${why}, so drains hang`,
    };
  }
  const { allowed } = allowance;
  return {
    state: 'pass',
    text: `${ref} has ${replicas} replicas and PodDisruptionBudget ${name} allows ${allowed} disruption${
      allowed === 1 ? '' : 's'
    }`,
  };
}
