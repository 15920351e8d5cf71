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
 * The verdict: `not-ready` if a critical check fails, else `unknown` if a critical check is
 * unknown, else `at-risk` if any other check fails, warns or is unknown, else `ready`. With no
 * applicable check at all the verdict is `unknown`.
 *
 * DESIGN.md names high failures and warnings for `at-risk`; a medium or low failure, or a
 * high check without data, is at least as bad as a warning, so `ready` would overstate it.
 */
export function verdictOf(results: readonly ScoredCheck[]): Verdict {
  const applicable = results.filter(r => r.state !== 'not-applicable');
  if (applicable.length === 0) {
    return 'unknown';
  }
  const has = (severity: Severity, state: CheckState) =>
    applicable.some(r => r.state === state && severityOf(r.id) === severity);
  if (has('critical', 'fail')) {
    return 'not-ready';
  }
  if (has('critical', 'unknown')) {
    return 'unknown';
  }
  if (applicable.some(r => ['fail', 'warn', 'unknown'].includes(r.state))) {
    return 'at-risk';
  }
  return 'ready';
}
