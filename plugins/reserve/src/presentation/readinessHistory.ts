import {
  EntityHistory,
  formatDuration,
  OwnershipRow,
  ReadinessChange,
} from '@kube-reserve/plugin-reserve-common';
import { formatClockTime, formatDay, LocalTimeOptions } from './instants';
import { verdictLabels } from './verdicts';

const DAY_MS = 86_400_000;

/** How many days back the Reserve tab's trend looks. */
export const TREND_DAYS = 90;

/** A recorded state on the trend, held from its start until the next one began. */
export interface TrendStep {
  change: ReadinessChange;
  /** Where the state holds on the time axis, between 0 (the window's start) and 1 (now). */
  start: number;
  end: number;
  /** False for the state already in force when the window began: no change to mark. */
  changedWithin: boolean;
}

/** The trend of a history: its window in epoch ms and the steps of its score. */
export interface ReadinessTrendLayout {
  from: number;
  to: number;
  steps: TrendStep[];
}

/**
 * Places each recorded state on the window's time axis as a step: it holds until the next
 * change, the last one until the history was made. A state in force before the window begins
 * at its start.
 */
export function layOutReadinessTrend(
  history: EntityHistory,
): ReadinessTrendLayout {
  const to = Date.parse(history.generatedAt);
  const from = to - history.days * DAY_MS;
  const span = Math.max(to - from, 1);
  const x = (iso: string) =>
    Math.min(Math.max((Date.parse(iso) - from) / span, 0), 1);
  const { changes } = history;
  return {
    from,
    to,
    steps: changes.map((change, i) => ({
      change,
      start: x(change.at),
      end: i + 1 < changes.length ? x(changes[i + 1].at) : 1,
      changedWithin: Date.parse(change.at) >= from,
    })),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The trend in a sentence, for the chart's accessible name, e.g. `Score 72 → 55 over 90 days,
 * 3 changes; now Not ready`; `since <day>` instead of the days when history begins later.
 */
export function describeReadinessTrend(
  history: EntityHistory,
  localTime?: LocalTimeOptions,
): string {
  const { changes, days } = history;
  if (changes.length === 0) {
    return `No history recorded over ${days} days`;
  }
  const first = changes[0];
  const last = changes[changes.length - 1];
  const count = changes.length - 1;
  const now = new Date(history.generatedAt);
  const period =
    Date.parse(first.at) <= now.getTime() - days * DAY_MS
      ? `over ${days} days`
      : `since ${formatDay(first.at, now, localTime)}`;
  const scores =
    first.score === last.score
      ? `Score ${last.score}`
      : `Score ${first.score} → ${last.score}`;
  const changed = count === 0 ? 'no change' : plural(count, 'change');
  return `${scores} ${period}, ${changed}; now ${verdictLabels[last.verdict]}`;
}

/**
 * Since when the service has not been ready, e.g. `Not ready since 4 Dec, 18:00 (3 d)`, with
 * `at least` when history reaches no further back; undefined while it is ready.
 */
export function describeNotReadySince(
  history: EntityHistory,
  now: Date = new Date(),
  localTime?: LocalTimeOptions,
): string | undefined {
  const { notReadySince } = history;
  if (!notReadySince) {
    return undefined;
  }
  const atLeast = history.notReadySinceComplete === false ? 'at least ' : '';
  const lasted = Math.max(now.getTime() - Date.parse(notReadySince), 0);
  return `Not ready since ${atLeast}${formatClockTime(
    notReadySince,
    now,
    localTime,
  )} (${formatDuration(lasted)})`;
}

/** How a service's score moved over a period, for a rollup's cell. */
export interface ScoreMovement {
  /** The score now minus the score then: positive when it rose. */
  delta: number;
  /** `▲ 12`, `▼ 8`, or `—` when it did not move. */
  text: string;
  /** The period, in days. */
  days: number;
  /** E.g. `Score 60 on 7 Nov → 72 now; At risk then, Ready now`. */
  description: string;
}

/** Where an ownership row's score went since its movement's start; undefined without one. */
export function scoreMovement(
  row: OwnershipRow,
  now: Date = new Date(),
  localTime?: LocalTimeOptions,
): ScoreMovement | undefined {
  const { movement } = row;
  if (!movement) {
    return undefined;
  }
  const delta = row.score - movement.score;
  let text = '—';
  if (delta > 0) text = `▲ ${delta}`;
  if (delta < 0) text = `▼ ${-delta}`;
  const then = verdictLabels[movement.verdict];
  const verdicts =
    movement.verdict === row.verdict
      ? `${then} then and now`
      : `${then} then, ${verdictLabels[row.verdict]} now`;
  return {
    delta,
    text,
    days: movement.days,
    description: `Score ${movement.score} on ${formatDay(
      movement.since,
      now,
      localTime,
    )} → ${row.score} now; ${verdicts}`,
  };
}
