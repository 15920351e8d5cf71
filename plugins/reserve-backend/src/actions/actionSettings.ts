import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import ms from 'ms';
import { ActionSettings } from './ActionPlanner';

const DEFAULT_WAIT_TIMEOUT_MS = 15 * 60_000;
const DEFAULT_POLL_INTERVAL_MS = 2_000;
const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_PLAN_TTL_MS = 60 * 60_000;
const DEFAULT_MAX_PLANS_PER_ENTITY = 20;

function readDuration(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  const text = config.getOptional(key);
  const value =
    typeof text === 'string'
      ? ms(text as ms.StringValue)
      : durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(typeof value === 'number' && value > 0)) {
    throw new Error(`Invalid config at '${key}': must be a positive duration`);
  }
  return value;
}

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
  return {
    waitTimeoutMs: readDuration(
      config,
      'reserve.actions.waitTimeout',
      DEFAULT_WAIT_TIMEOUT_MS,
    ),
    pollIntervalMs: readDuration(
      config,
      'reserve.actions.pollInterval',
      DEFAULT_POLL_INTERVAL_MS,
    ),
    heartbeatMs: readDuration(
      config,
      'reserve.actions.heartbeat',
      DEFAULT_HEARTBEAT_MS,
    ),
    planTtlMs: readDuration(
      config,
      'reserve.actions.planTtl',
      DEFAULT_PLAN_TTL_MS,
    ),
    maxPlansPerEntity: readMaxPlans(config),
    veleroNamespace,
  };
}
