import {
  CheckState,
  Verdict,
  verdictLabels,
} from '@kube-reserve/plugin-reserve-common';
import { Theme } from '@material-ui/core/styles';
import { checkStatePresentation, CheckStatePresentation } from './checkStates';

export { verdictLabels };

// Unknown ranks right after not-ready: missing data may hide a failure.
const verdictsWorstFirst: readonly Verdict[] = [
  'not-ready',
  'unknown',
  'at-risk',
  'ready',
];

/** Orders two verdicts worst first. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return verdictsWorstFirst.indexOf(a) - verdictsWorstFirst.indexOf(b);
}

// A verdict shows as the check state it sums up, so that a ready service and a passing check
// share their green, and unknown stays grey in both.
const verdictCheckStates: Readonly<Record<Verdict, CheckState>> = {
  ready: 'pass',
  'at-risk': 'warn',
  'not-ready': 'fail',
  unknown: 'unknown',
};

/** The status icon of a verdict, the one of the check state it resembles. */
export function verdictStatus(
  verdict: Verdict,
): CheckStatePresentation['Status'] {
  return checkStatePresentation[verdictCheckStates[verdict]].Status;
}

/** The theme colour of a verdict: ready green, at risk amber, not ready red, unknown grey. */
export function verdictColour(theme: Theme, verdict: Verdict): string {
  return checkStatePresentation[verdictCheckStates[verdict]].colour(theme);
}
