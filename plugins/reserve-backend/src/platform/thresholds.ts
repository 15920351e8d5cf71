import { PolicyDuration } from '@kube-reserve/plugin-reserve-common';

/** When certificates count as expiring: warn under `certWarning`, fail under `certFail`. */
export interface PlatformThresholds {
  certWarning: PolicyDuration;
  certFail: PolicyDuration;
}

const day = 24 * 3600_000;

/** The thresholds of DESIGN.md §5: warn under 30 days (`reserve.defaults.certWarning`), fail under 7. */
export const defaultPlatformThresholds: PlatformThresholds = {
  certWarning: { ms: 30 * day, text: '30d' },
  certFail: { ms: 7 * day, text: '7d' },
};

/** The thresholds for a configured `certWarning`; the fail threshold is fixed at 7 days. */
export function platformThresholds(
  certWarning: PolicyDuration,
): PlatformThresholds {
  return { ...defaultPlatformThresholds, certWarning };
}
