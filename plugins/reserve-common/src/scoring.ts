import { CheckId, Severity, getCheckDefinition } from './checks';
import { CheckResult, CheckState, Verdict } from './report';

/** What a check of each severity weighs in the score. */
export const severityWeights: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
};

/** The share of its weight a check earns in each state; not-applicable checks do not count. */
export const stateCredits: Readonly<
  Record<Exclude<CheckState, 'not-applicable'>, number>
> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  unknown: 0,
  waived: 1,
};

/** The part of a check result that scoring reads. */
export type ScoredCheck = Pick<CheckResult, 'id' | 'state'>;

function severityOf(id: CheckId): Severity {
  return getCheckDefinition(id).severity;
}

/**
 * Score from 0 to 100: the weighted share of credit earned over applicable checks.
 *
 * Rounded down, so that anything short of full credit stays below 100; with no applicable
 * check the score is 0, because no data must never look like a perfect reserve.
 */
export function scoreChecks(results: readonly ScoredCheck[]): number {
  let earned = 0;
  let possible = 0;
  for (const { id, state } of results) {
    if (state === 'not-applicable') {
      continue;
    }
    const weight = severityWeights[severityOf(id)];
    earned += weight * stateCredits[state];
    possible += weight;
  }
  if (possible === 0) {
    return 0;
  }
  return Math.floor((100 * earned) / possible);
}

/**
 * The verdict, as DESIGN.md §5 states it: `not-ready` if a critical check fails; else `unknown`
 * if a critical check is unknown; else `at-risk` if a high check fails or is unknown, a medium
 * or low check fails, or any check warns; else `ready`. With no applicable check at all the
 * verdict is `unknown`: no data never looks ready.
 *
 * A medium or low check without data does not by itself make the entity at risk; it costs
 * score instead.
 */
export function verdictOf(results: readonly ScoredCheck[]): Verdict {
  const applicable = results.filter(r => r.state !== 'not-applicable');
  if (applicable.length === 0) {
    return 'unknown';
  }
  const has = (severities: readonly Severity[], state: CheckState) =>
    applicable.some(
      r => r.state === state && severities.includes(severityOf(r.id)),
    );
  if (has(['critical'], 'fail')) {
    return 'not-ready';
  }
  if (has(['critical'], 'unknown')) {
    return 'unknown';
  }
  if (
    has(['high'], 'unknown') ||
    has(['high', 'medium', 'low'], 'fail') ||
    has(['critical', 'high', 'medium', 'low'], 'warn')
  ) {
    return 'at-risk';
  }
  return 'ready';
}
