import { Config } from '@backstage/config';
import { durationOf, readDuration } from '../config/durations';

/** Settings of the actions, from `reserve.actions`. */
export interface ActionSettings {
  /** Longest a wait step waits. */
  waitTimeoutMs: number;
  /** How often a wait step looks again. */
  pollIntervalMs: number;
  /**
   * How often a backend instance says it still runs its executions; another instance marks
   * one interrupted after three intervals without.
   */
  heartbeatMs: number;
  /** How long a stored plan can be run; an older one must be planned again. */
  planTtlMs: number;
  /** At most this many stored plans per entity; older unexecuted ones are deleted. */
  maxPlansPerEntity: number;
  veleroNamespace: string;
}

const DEFAULT_MAX_PLANS_PER_ENTITY = 20;

function readMaxPlans(config: Config): number {
  const key = 'reserve.actions.maxPlansPerEntity';
  const value = config.getOptionalNumber(key) ?? DEFAULT_MAX_PLANS_PER_ENTITY;
  if (!(Number.isInteger(value) && value > 0)) {
    throw new Error(`Invalid config at '${key}': must be a positive integer`);
  }
  return value;
}

/** `reserve.actions` and the Velero namespace, read and checked at start-up. */
export function readActionSettings(
  config: Config,
  veleroNamespace: string,
): ActionSettings {
  const duration = (name: string, fallbackMs: number) =>
    readDuration(config, `reserve.actions.${name}`, durationOf(fallbackMs)).ms;
  return {
    waitTimeoutMs: duration('waitTimeout', 15 * 60_000),
    pollIntervalMs: duration('pollInterval', 2_000),
    heartbeatMs: duration('heartbeat', 10_000),
    planTtlMs: duration('planTtl', 60 * 60_000),
    maxPlansPerEntity: readMaxPlans(config),
    veleroNamespace,
  };
}
