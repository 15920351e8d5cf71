import { rfc3339 } from '../store/ObjectStore';

/** A status condition as the workload controllers write it. */
export interface Condition {
  /** Condition type, e.g. Available. */
  type: string;
  /** 'True' or 'False'. */
  status: 'True' | 'False';
  /** Machine-readable reason. */
  reason: string;
  /** Human-readable message. */
  message: string;
  /** When the status last changed. */
  lastTransitionTime?: string;
  /** When the condition was last written (Deployments only). */
  lastUpdateTime?: string;
}

/** Sets a condition, keeping its transition time (and update time) when nothing about it changed. */
export function setCondition(
  existing: Condition[] | undefined,
  next: Condition,
  now: Date,
): Condition[] {
  const list = [...(existing ?? [])];
  const index = list.findIndex(c => c.type === next.type);
  const old = index >= 0 ? list[index] : undefined;
  const unchanged =
    old &&
    old.status === next.status &&
    old.reason === next.reason &&
    old.message === next.message;
  const stamp = rfc3339(now);
  const merged: Condition = unchanged
    ? old!
    : {
        ...next,
        lastTransitionTime:
          old?.status === next.status ? old.lastTransitionTime ?? stamp : stamp,
        ...(next.lastUpdateTime !== undefined ? { lastUpdateTime: stamp } : {}),
      };
  if (index >= 0) list[index] = merged;
  else list.push(merged);
  return list;
}
