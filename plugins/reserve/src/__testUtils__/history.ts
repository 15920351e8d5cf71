import {
  EntityHistory,
  ReadinessChange,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';

const DAY = 86_400_000;

/** The ISO 8601 instant `days` days before `now`. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

/** A recorded state `days` days before `now`; its checks are left out, no view reads them. */
export function change(
  now: Date,
  days: number,
  verdict: Verdict,
  score: number,
): ReadinessChange {
  return { at: daysBefore(now, days), verdict, score, checks: {} };
}

/**
 * Checkout's last 90 days up to `now`: ready at 72 before the window began, at risk from 60
 * days ago, ready again, then not ready at 55 for the last 3 days, since a ready state recorded.
 */
export function checkoutHistory(now: Date = new Date()): EntityHistory {
  return {
    entityRef: 'component:default/checkout',
    days: 90,
    changes: [
      change(now, 120, 'ready', 72),
      change(now, 60, 'at-risk', 64),
      change(now, 40, 'ready', 80),
      change(now, 3, 'not-ready', 55),
    ],
    notReadySince: daysBefore(now, 3),
    notReadySinceComplete: true,
    generatedAt: now.toISOString(),
  };
}
