import { Config } from '@backstage/config';
import { PolicyDuration } from '@kube-reserve/plugin-reserve-common';
import { readDuration } from '../config/durations';

/** How long a tick counts when `reserve.runbooks.tickTtl` is not set. */
export const defaultTickTtl: PolicyDuration = {
  ms: 30 * 24 * 3600_000,
  text: '30d',
};

/** Reads `reserve.runbooks.tickTtl` (`30d`, `{ days: 30 }`); throws at start-up naming the key. */
export function readTickTtl(config: Config): PolicyDuration {
  return readDuration(config, 'reserve.runbooks.tickTtl', defaultTickTtl);
}
