import { CheckId, EntityReport } from '@kube-reserve/plugin-reserve-common';
import { CorpusScenario, checkIds } from './corpus';

/** One check of one scenario: what the corpus expects against what the backend said. */
export interface CheckComparison {
  id: CheckId;
  expected: string;
  actual: string;
  matches: boolean;
  /** For a failed expectation: the check, both states, the reason and the backend's message. */
  explain: string;
}

// `/…/` is a regular expression, for figures that move while the corpus runs (an age read
// a minute after the fixtures were stamped); anything else must appear as written.
function mentions(message: string, wanted: string): boolean {
  const pattern = /^\/(.+)\/$/.exec(wanted);
  return pattern
    ? new RegExp(pattern[1]).test(message)
    : message.includes(wanted);
}

/** Compares every check of a report with the scenario's expectations. */
export function compareReport(
  scenario: CorpusScenario,
  report: EntityReport,
): CheckComparison[] {
  return checkIds.map(id => {
    const expected = scenario.expect[id];
    const result = report.checks.find(c => c.id === id);
    const actual = result?.state ?? 'missing';
    const message = result?.message ?? '';
    const mentionsHeld =
      !expected.mentions || mentions(message, expected.mentions);
    return {
      id,
      expected: expected.state,
      actual,
      matches: actual === expected.state && mentionsHeld,
      explain: `${id}: expected ${expected.state}${
        expected.mentions ? ` mentioning "${expected.mentions}"` : ''
      } (${expected.why}), got ${actual}: ${message}`,
    };
  });
}

const alarm = new Set(['fail', 'warn']);
const clean = new Set(['pass', 'not-applicable']);

/** The corpus figures the issue asks for, and the line CI prints. */
export function corpusFigures(
  runs: Array<{ scenario: CorpusScenario; report: EntityReport }>,
) {
  const comparisons = runs.flatMap(run =>
    compareReport(run.scenario, run.report),
  );
  // A planted fault is a check the corpus expects to fail or warn; found when the backend
  // gives exactly that state.
  const planted = comparisons.filter(c => alarm.has(c.expected));
  const recall = planted.filter(c => c.actual === c.expected).length;
  const falseAlarms = comparisons.filter(
    c => clean.has(c.expected) && alarm.has(c.actual),
  ).length;
  const passOnMissing = comparisons.filter(
    c => c.expected === 'unknown' && clean.has(c.actual),
  ).length;
  const verdicts = runs.filter(
    run => run.report.verdict === run.scenario.verdict,
  ).length;
  const exact = comparisons.filter(c => c.matches).length;
  return {
    planted: planted.length,
    recall,
    falseAlarms,
    passOnMissing,
    verdicts,
    scenarios: runs.length,
    exact,
    checks: comparisons.length,
    line:
      `corpus: recall ${recall}/${planted.length}, false alarms ${falseAlarms}, ` +
      `pass-on-missing ${passOnMissing}, verdicts ${verdicts}/${runs.length} ` +
      `(checks as expected ${exact}/${comparisons.length}, ${runs.length} scenarios)`,
  };
}
