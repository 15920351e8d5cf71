import { Config, readDurationFromConfig } from '@backstage/config';
import {
  PolicyDuration,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { durationToMilliseconds } from '@backstage/types';
import { parseDuration } from '../readiness/policyValues';

const key = 'reserve.runbooks.tickTtl';

/** How long a tick counts when `reserve.runbooks.tickTtl` is not set. */
export const defaultTickTtl: PolicyDuration = {
  ms: 30 * 24 * 3600_000,
  text: '30d',
};

/**
 * Reads `reserve.runbooks.tickTtl`: a duration string (`30d`) or a HumanDuration object
 * (`{ days: 30 }`); throws at startup on anything else, naming the key.
 */
export function readTickTtl(config: Config): PolicyDuration {
  const value = config.getOptional(key);
  if (value === undefined) return defaultTickTtl;
  if (typeof value === 'string') {
    const parsed = parseDuration(value);
    if ('problem' in parsed) {
      throw new Error(`Invalid ${key}: ${parsed.problem}`);
    }
    return parsed.value;
  }
  const duration = readDurationFromConfig(config, { key });
  const ms = durationToMilliseconds(duration);
  if (!(ms > 0)) {
    throw new Error(`Invalid ${key}: it must be longer than zero`);
  }
  return { ms, text: formatDuration(ms) };
}
