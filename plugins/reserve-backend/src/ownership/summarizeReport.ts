import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CheckCategory,
  CheckResult,
  CheckState,
  compareStates,
  EntityReport,
  getCheckDefinition,
  OwnershipRow,
  Severity,
  severityWeights,
  worstState,
} from '@kube-reserve/plugin-reserve-common';

const FINDING_STATES: readonly CheckState[] = ['fail', 'unknown', 'warn'];

/** One ownership row: an entity's verdict, score, failures by severity and worst finding. */
export function summarizeReport(
  entity: Entity,
  owner: string,
  report: EntityReport,
): OwnershipRow {
  const failing: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byCategory = new Map<CheckCategory, CheckState[]>();
  for (const check of report.checks) {
    const definition = getCheckDefinition(check.id);
    if (check.state === 'fail') {
      failing[definition.severity]++;
    }
    byCategory.set(definition.category, [
      ...(byCategory.get(definition.category) ?? []),
      check.state,
    ]);
  }
  const worst = worstFinding(report.checks);
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title,
    kind: entity.kind,
    owner,
    verdict: report.verdict,
    score: report.score,
    failing,
    worstFinding: worst && {
      checkId: worst.id,
      title: getCheckDefinition(worst.id).title,
      severity: getCheckDefinition(worst.id).severity,
      state: worst.state,
      message: worst.message,
    },
    categories: Object.fromEntries(
      [...byCategory].map(([category, states]) => [category, worstState(states)]),
    ),
  };
}

// The most serious finding: the heaviest severity first, then the worst state.
function worstFinding(checks: CheckResult[]): CheckResult | undefined {
  return checks
    .filter(check => FINDING_STATES.includes(check.state))
    .sort(
      (a, b) =>
        severityWeights[getCheckDefinition(b.id).severity] -
          severityWeights[getCheckDefinition(a.id).severity] ||
        compareStates(a.state, b.state),
    )[0];
}
