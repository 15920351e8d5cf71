import {
  CheckResult,
  Verdict,
  scoreChecks,
  verdictOf,
} from '@kube-reserve/plugin-reserve-common';
import { RegisteredCheck, implementedChecks } from '../checks';
import { EntityView } from '../view/EntityView';

/** The checks of one entity, with the score and verdict they add up to. */
export interface EntityEvaluation {
  checks: CheckResult[];
  score: number;
  verdict: Verdict;
}

function runSafely(
  { id, run }: RegisteredCheck,
  view: EntityView,
): CheckResult {
  try {
    return run(view);
  } catch (error) {
    // One broken check must not sink the whole report: it just cannot tell.
    const message = error instanceof Error ? error.message : String(error);
    return {
      id,
      state: 'unknown',
      message: `The check failed: ${message}`,
      clusters: [],
    };
  }
}

/** Runs every implemented check on an entity's view; a check that throws answers unknown. */
export function evaluateEntity(
  view: EntityView,
  checks: readonly RegisteredCheck[] = implementedChecks,
): EntityEvaluation {
  const results = checks.map(check => runSafely(check, view));
  return {
    checks: results,
    score: scoreChecks(results),
    verdict: verdictOf(results),
  };
}
