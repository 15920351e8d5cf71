import { CheckState } from './report';

// Worst first. Unknown ranks above warn: missing data may hide a failure, so a result
// combining a warning with missing data must not look better than "we do not know".
const statesWorstFirst: readonly CheckState[] = [
  'fail',
  'unknown',
  'warn',
  'waived',
  'pass',
  'not-applicable',
];

/** Orders two states worst first, for sorting findings. */
export function compareStates(a: CheckState, b: CheckState): number {
  return statesWorstFirst.indexOf(a) - statesWorstFirst.indexOf(b);
}

/**
 * The worst of several states (fail, unknown, warn, waived, pass, not-applicable), e.g. to
 * combine per-cluster results; `not-applicable` when there are none.
 */
export function worstState(states: Iterable<CheckState>): CheckState {
  let worst: CheckState = 'not-applicable';
  for (const state of states) {
    if (compareStates(state, worst) < 0) {
      worst = state;
    }
  }
  return worst;
}
