import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CheckCategory,
  CheckState,
  EntityReport,
  OwnershipRow,
  Severity,
  worstState,
} from '@kube-reserve/plugin-reserve-common';
import { describeCheck, worstFindings } from './checkGroups';

/**
 * A service's summary row as `GET /ownership` would give it, built from its readiness report
 * (the platform page lists services across all groups, which no single ownership call covers).
 */
export function summarizeReport(
  entity: Entity,
  report: EntityReport,
): OwnershipRow {
  const failing: Record<Severity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
  };
  const byCategory = new Map<CheckCategory, CheckState[]>();
  for (const check of report.checks) {
    const definition = describeCheck(check.id);
    if (!definition) {
      continue;
    }
    if (check.state === 'fail') {
      failing[definition.severity]++;
    }
    byCategory.set(definition.category, [
      ...(byCategory.get(definition.category) ?? []),
      check.state,
    ]);
  }
  const [worst] = worstFindings(report.checks, 1);
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title,
    kind: entity.kind,
    owner: String(entity.spec?.owner ?? ''),
    verdict: report.verdict,
    score: report.score,
    failing,
    worstFinding: worst?.definition && {
      checkId: worst.definition.id,
      title: worst.definition.title,
      severity: worst.definition.severity,
      state: worst.result.state,
      message: worst.result.message,
    },
    categories: Object.fromEntries(
      [...byCategory].map(([category, states]) => [
        category,
        worstState(states),
      ]),
    ),
  };
}
