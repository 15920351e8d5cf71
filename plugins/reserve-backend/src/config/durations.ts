import { Config, readDurationFromConfig } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  formatDuration,
  PolicyDuration,
} from '@kube-reserve/plugin-reserve-common';

/**
 * Reads a duration config key, the one way every `reserve.*` duration is read: a HumanDuration
 * object (`{ minutes: 15 }`), a string with a unit (`15m`, `30d`) or an ISO 8601 duration
 * (`PT15M`), as Backstage's `readDurationFromConfig` reads them. `fallback` when the key is not
 * set; at start-up, an error naming the key for anything else, zero or negative included.
 */
export function readDuration(
  config: Config,
  key: string,
  fallback: PolicyDuration,
): PolicyDuration {
  if (!config.has(key)) return fallback;
  const value = config.get(key);
  const invalid = (why?: string) =>
    new Error(
      `Invalid config at '${key}': must be a positive duration such as 30s, 15m, 30d or { minutes: 15 }${
        why ? ` (${why})` : ''
      }`,
    );
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw invalid(stringifyError(error));
  }
  if (!(ms > 0)) throw invalid();
  return {
    ms,
    text: typeof value === 'string' ? value.trim() : formatDuration(ms),
  };
}

/** A duration given in milliseconds, as `readDuration`'s fallback. */
export function durationOf(ms: number): PolicyDuration {
  return { ms, text: formatDuration(ms) };
}
