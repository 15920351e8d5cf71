import {
  CheckState,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { PlatformThresholds } from './thresholds';

const day = 24 * 3600_000;

/** How an expiry date stands against the thresholds. */
export interface ExpiryAssessment {
  state: Extract<CheckState, 'pass' | 'warn' | 'fail' | 'unknown'>;
  /** e.g. `expires in 18 d 6 h (2026-12-10), under 30 d`. */
  text: string;
  /** Whole days left; negative once expired; absent when the date is unknown. */
  daysLeft?: number;
}

/** Fails under `certFail` (and once expired), warns under `certWarning`; unknown without a date. */
export function assessExpiry(
  notAfter: string | undefined,
  now: Date,
  thresholds: PlatformThresholds,
): ExpiryAssessment {
  const at = notAfter === undefined ? NaN : Date.parse(notAfter);
  if (Number.isNaN(at)) {
    return {
      state: 'unknown',
      text:
        notAfter === undefined
          ? 'expiry not known'
          : `unreadable expiry '${notAfter}'`,
    };
  }
  const left = at - now.getTime();
  const daysLeft = Math.floor(left / day);
  const date = new Date(at).toISOString().slice(0, 10);
  if (left <= 0) {
    return { state: 'fail', text: `expired on ${date}`, daysLeft };
  }
  const expires = `expires in ${formatDuration(left)} (${date})`;
  if (left < thresholds.certFail.ms) {
    return {
      state: 'fail',
      text: `${expires}, under ${formatDuration(thresholds.certFail.ms)}`,
      daysLeft,
    };
  }
  if (left < thresholds.certWarning.ms) {
    return {
      state: 'warn',
      text: `${expires}, under ${formatDuration(thresholds.certWarning.ms)}`,
      daysLeft,
    };
  }
  return {
    state: 'pass',
    text: `valid until ${date} (${formatDuration(left)} left)`,
    daysLeft,
  };
}
