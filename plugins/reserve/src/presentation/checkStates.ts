import { CheckState, Severity } from '@kube-reserve/plugin-reserve-common';

/** How each check state reads on screen. */
export const checkStateLabels: Readonly<Record<CheckState, string>> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
  waived: 'Waived',
};

/** Severities, heaviest first. */
export const severitiesWorstFirst: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** Orders two severities heaviest first. */
export function compareSeverities(a: Severity, b: Severity): number {
  return severitiesWorstFirst.indexOf(a) - severitiesWorstFirst.indexOf(b);
}
