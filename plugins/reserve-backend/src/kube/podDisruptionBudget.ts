import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { scaleIntOrPercent } from './intOrPercent';

/**
 * How many voluntary disruptions a budget allows a workload whose pods are all healthy:
 * a count, `unset` when the budget limits nothing, or the problem that makes the disruption
 * controller allow none.
 */
export type DisruptionAllowance =
  | { allowed: number }
  | { unset: true }
  | { problem: string };

/**
 * The disruptions a PodDisruptionBudget allows out of `replicas` healthy pods, as the
 * disruption controller counts them: percentages of either field round up, maxUnavailable
 * wins when both are set, and the allowance is never below 0 nor above the replicas.
 */
export function disruptionAllowance(
  budget: V1PodDisruptionBudget,
  replicas: number,
): DisruptionAllowance {
  const { maxUnavailable, minAvailable } = budget.spec ?? {};
  // Validation forbids setting both; the controller reads maxUnavailable first.
  let field: { name: string; value: number | string } | undefined;
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    field = { name: 'maxUnavailable', value: maxUnavailable };
  } else if (minAvailable !== undefined && minAvailable !== null) {
    field = { name: 'minAvailable', value: minAvailable };
  }
  if (!field) return { unset: true };
  const scaled = scaleIntOrPercent(field.value, replicas, true);
  if ('problem' in scaled) {
    return { problem: `${field.name} ${scaled.problem}` };
  }
  const desiredHealthy =
    field.name === 'maxUnavailable'
      ? Math.max(0, replicas - scaled.value)
      : scaled.value;
  return { allowed: Math.max(0, replicas - desiredHealthy) };
}

/**
 * The disruption count alone, for callers that need only a number: undefined when the
 * budget sets no limit, 0 when its limit cannot be read (the controller then allows none).
 */
export function allowedDisruptions(
  budget: V1PodDisruptionBudget,
  replicas: number,
): number | undefined {
  const allowance = disruptionAllowance(budget, replicas);
  if ('unset' in allowance) return undefined;
  return 'problem' in allowance ? 0 : allowance.allowed;
}
