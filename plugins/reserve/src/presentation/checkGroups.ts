import {
  CheckCategory,
  CheckDefinition,
  CheckId,
  CheckResult,
  CheckState,
  compareStates,
  getCheckDefinition,
  isCheckId,
  worstState,
} from '@kube-reserve/plugin-reserve-common';
import { compareSeverities } from './checkStates';

/** A check result with its catalogue entry, or none for a check this frontend does not know. */
export interface DescribedCheck {
  result: CheckResult;
  definition?: CheckDefinition<CheckId>;
}

/** The checks of one category, worst first, with the worst state among them. */
export interface CheckGroup {
  category: CheckCategory | 'other';
  state: CheckState;
  checks: DescribedCheck[];
}

/** How each category reads on screen. */
export const categoryLabels: Readonly<Record<CheckGroup['category'], string>> =
  {
    topology: 'Topology',
    workload: 'Workloads',
    parity: 'Parity',
    backup: 'Backups',
    platform: 'Platform',
    other: 'Other',
  };

/** Categories in the order of the check catalogue. */
export const checkCategories: readonly CheckCategory[] = [
  'topology',
  'workload',
  'parity',
  'backup',
  'platform',
];

/** The catalogue entry of a check id, or undefined when a newer backend sends an unknown one. */
export function describeCheck(
  id: string,
): CheckDefinition<CheckId> | undefined {
  return isCheckId(id) ? getCheckDefinition(id) : undefined;
}

function compareChecks(a: DescribedCheck, b: DescribedCheck): number {
  return (
    compareStates(a.result.state, b.result.state) ||
    compareSeverities(
      a.definition?.severity ?? 'low',
      b.definition?.severity ?? 'low',
    ) ||
    a.result.id.localeCompare(b.result.id)
  );
}

/** Groups checks by category; categories and the checks within them worst first. */
export function groupChecks(checks: readonly CheckResult[]): CheckGroup[] {
  const groups = new Map<CheckGroup['category'], DescribedCheck[]>();
  for (const result of checks) {
    const definition = describeCheck(result.id);
    const category = definition?.category ?? 'other';
    groups.set(category, [
      ...(groups.get(category) ?? []),
      { result, definition },
    ]);
  }
  const order = [...checkCategories, 'other'];
  return [...groups]
    .map(([category, described]) => ({
      category,
      state: worstState(described.map(c => c.result.state)),
      checks: [...described].sort(compareChecks),
    }))
    .sort(
      (a, b) =>
        compareStates(a.state, b.state) ||
        order.indexOf(a.category) - order.indexOf(b.category),
    );
}

/** The worst findings (fail, unknown, warn) of a report, most serious first. */
export function worstFindings(
  checks: readonly CheckResult[],
  limit: number,
): DescribedCheck[] {
  return checks
    .filter(c => ['fail', 'unknown', 'warn'].includes(c.state))
    .map(result => ({ result, definition: describeCheck(result.id) }))
    .sort(
      (a, b) =>
        compareSeverities(
          a.definition?.severity ?? 'low',
          b.definition?.severity ?? 'low',
        ) || compareChecks(a, b),
    )
    .slice(0, limit);
}
