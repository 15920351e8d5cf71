import ms from 'ms';
import {
  CronJobPolicy,
  PolicyDuration,
  ReplicaRatio,
  ReserveMode,
} from '@kube-reserve/plugin-reserve-common';

/** A parsed policy value, or why the text could not be read. */
export type ParsedValue<T> = { value: T } | { problem: string };

const reserveModes: readonly ReserveMode[] = ['hot', 'warm', 'cold', 'none'];
const cronJobPolicies: readonly CronJobPolicy[] = [
  'primary-only',
  'everywhere',
];
// DNS-1123 subdomain, the rule for ConfigMap, Secret and Service names.
const objectNamePattern = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Reads a reserve mode: `hot`, `warm`, `cold` or `none`. */
export function parseReserveMode(text: string): ParsedValue<ReserveMode> {
  const mode = text.trim() as ReserveMode;
  return reserveModes.includes(mode)
    ? { value: mode }
    : { problem: `'${text}' is not one of ${reserveModes.join(', ')}` };
}

/** Reads where CronJobs run: `primary-only` or `everywhere`. */
export function parseCronJobPolicy(text: string): ParsedValue<CronJobPolicy> {
  const policy = text.trim() as CronJobPolicy;
  return cronJobPolicies.includes(policy)
    ? { value: policy }
    : { problem: `'${text}' is not one of ${cronJobPolicies.join(', ')}` };
}

/** Reads a duration such as `15m`, `24h` or `90d`; a unit is required and it must be positive. */
export function parseDuration(text: string): ParsedValue<PolicyDuration> {
  const trimmed = text.trim();
  // ms() reads a bare number as milliseconds, which is never what `rpo: 24` means.
  if (/^[\d.]+$/.test(trimmed)) {
    return { problem: `'${text}' has no unit; write e.g. 24h, 15m or 90d` };
  }
  const millis = ms(trimmed as ms.StringValue) as number | undefined;
  if (millis === undefined || !Number.isFinite(millis)) {
    return { problem: `'${text}' is not a duration such as 24h, 15m or 90d` };
  }
  if (millis <= 0) {
    return { problem: `'${text}' must be longer than zero` };
  }
  return { value: { ms: millis, text: trimmed } };
}

/** Reads a primary:reserve replica ratio such as `6:4`, two positive integers. */
export function parseReplicaRatio(text: string): ParsedValue<ReplicaRatio> {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  if (!match) {
    return { problem: `'${text}' is not a ratio such as 6:4` };
  }
  const [primary, reserve] = [Number(match[1]), Number(match[2])];
  if (primary === 0 || reserve === 0) {
    return {
      problem: `'${text}' needs two positive numbers (a reserve at 0 replicas is mode cold)`,
    };
  }
  return { value: { primary, reserve } };
}

/** Reads a comma-separated list of object names; empty entries are ignored. */
export function parseNameList(text: string): ParsedValue<string[]> {
  const names = text
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  const invalid = names.filter(name => !objectNamePattern.test(name));
  if (invalid.length > 0) {
    return {
      problem: `${invalid.map(n => `'${n}'`).join(', ')} ${
        invalid.length === 1
          ? 'is not a valid object name'
          : 'are not valid object names'
      }`,
    };
  }
  return { value: [...new Set(names)] };
}
