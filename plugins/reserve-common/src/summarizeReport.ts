import {
  CheckCategory,
  getCheckDefinition,
  isCheckId,
  Severity,
} from './checks';
import { OwnershipRow } from './ownership';
import { CheckResult, CheckState, EntityReport } from './report';
import { severityWeights } from './scoring';
import { compareStates, worstState } from './states';

/** The entity a summary row describes, as much of it as the row needs. */
export interface SummarizedEntity {
  entityRef: string;
  kind: string;
  title?: string;
}

const FINDING_STATES: readonly CheckState[] = ['fail', 'unknown', 'warn'];

// A check id this build does not know (a newer backend's) has no severity or category to count.
function knownChecks(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter(check => isCheckId(check.id));
}

/** The most serious finding (fail, unknown, warn): the heaviest severity first, then the worst state. */
export function worstFinding(
  checks: readonly CheckResult[],
): CheckResult | undefined {
  return knownChecks(checks)
    .filter(check => FINDING_STATES.includes(check.state))
    .sort(
      (a, b) =>
        severityWeights[getCheckDefinition(b.id).severity] -
          severityWeights[getCheckDefinition(a.id).severity] ||
        compareStates(a.state, b.state),
    )[0];
}

/** One ownership row: an entity's verdict, score, failures by severity and worst finding. */
export function summarizeReport(
  entity: SummarizedEntity,
  owner: string,
  report: EntityReport,
): OwnershipRow {
  const checks = knownChecks(report.checks);
  const failing: Record<Severity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
  };
  const byCategory = new Map<CheckCategory, CheckState[]>();
  for (const check of checks) {
    const definition = getCheckDefinition(check.id);
    if (check.state === 'fail') {
      failing[definition.severity]++;
    }
    byCategory.set(definition.category, [
      ...(byCategory.get(definition.category) ?? []),
      check.state,
    ]);
  }
  const worst = worstFinding(checks);
  return {
    entityRef: entity.entityRef,
    title: entity.title,
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
      [...byCategory].map(([category, states]) => [
        category,
        worstState(states),
      ]),
    ),
  };
}
