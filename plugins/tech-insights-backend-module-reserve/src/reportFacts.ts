import {
  CheckResult,
  CheckState,
  EntityReport,
  isCheckId,
} from '@kube-reserve/plugin-reserve-common';

/** One entity's facts, named as in `reserveFactSchema`. */
export type ReserveFacts = Record<string, string | number | string[]>;

function idsIn(checks: readonly CheckResult[], state: CheckState): string[] {
  return checks.filter(check => check.state === state).map(check => check.id);
}

/**
 * The facts of one entity's readiness report, as Tech Insights stores them: verdict, score,
 * when it was judged, the failing and unknown checks, and each check's state under its id.
 *
 * A check this build does not know (a newer backend's) gets no fact of its own, since the
 * schema cannot name it, but it still counts in `failingChecks` and `unknownChecks`: a rule
 * that no check fails must not pass for want of a name.
 */
export function reportFacts(report: EntityReport): ReserveFacts {
  const states = Object.fromEntries(
    report.checks
      .filter(check => isCheckId(check.id))
      .map(check => [check.id, check.state]),
  );
  return {
    verdict: report.verdict,
    score: report.score,
    judgedAt: report.generatedAt,
    failingChecks: idsIn(report.checks, 'fail'),
    unknownChecks: idsIn(report.checks, 'unknown'),
    ...states,
  };
}
