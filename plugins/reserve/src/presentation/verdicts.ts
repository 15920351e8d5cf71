import { Verdict } from '@kube-reserve/plugin-reserve-common';

/** How each verdict reads on screen. */
export const verdictLabels: Readonly<Record<Verdict, string>> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
  unknown: 'Unknown',
};

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
