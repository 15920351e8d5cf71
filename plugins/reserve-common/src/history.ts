import { CheckId } from './checks';
import { CheckState, Verdict } from './report';

/** An entity's verdict, score and check states from one moment on, as history keeps them. */
export interface ReadinessChange {
  /** ISO 8601 date-time of the report that first showed this state. */
  at: string;
  verdict: Verdict;
  score: number;
  /** Each check's state (across clusters) in that report. */
  checks: Partial<Record<CheckId, CheckState>>;
}

/** The answer of `GET /entities/:kind/:namespace/:name/history`. */
export interface EntityHistory {
  entityRef: string;
  /** The window asked for, in days back from `generatedAt`. */
  days: number;
  /**
   * Every change within the window, oldest first, preceded by the state in force when the
   * window began (its `at` is then before the window) when one was recorded.
   */
  changes: ReadinessChange[];
  /**
   * While the latest recorded verdict is not `ready`: since when it has not been (ISO 8601),
   * as far back as history reaches (`notReadySinceComplete` false when it reaches no further).
   */
  notReadySince?: string;
  /** False when history holds nothing older that was ready: it may have been not ready longer. */
  notReadySinceComplete?: boolean;
  /** ISO 8601 date-time the answer was made. */
  generatedAt: string;
}

/** How an entity's readiness moved over a period, for a team's rollup. */
export interface ReadinessMovement {
  /** The period, in days. */
  days: number;
  /** The score and verdict at the period's start, or when first recorded within it. */
  score: number;
  verdict: Verdict;
  /** ISO 8601 date-time of that state: the period's start, or the first record after it. */
  since: string;
}
