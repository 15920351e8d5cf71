import { CheckId, getCheckDefinition } from './checks';
import { CheckState } from './report';

/**
 * An accepted risk: one check of one entity (on one cluster of its pair, or on all of them)
 * counts as `waived` instead of failing or warning, until the waiver expires or is revoked.
 */
export interface Waiver {
  /** The waiver's id (a UUID), for `DELETE /waivers/:id`. */
  id: string;
  entityRef: string;
  checkId: CheckId;
  /** The cluster whose result is waived; absent: every cluster's. */
  cluster?: string;
  /** Why the risk is accepted, as its author wrote it. */
  reason: string;
  /** Who created it, e.g. `user:default/alice`. */
  createdBy: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When it stops counting by itself (ISO 8601). */
  expiresAt: string;
  /** Set when someone revoked it before it expired. */
  revoked?: { by: string; at: string };
}

/** Whether a waiver counts at `now`: neither revoked nor expired. */
export function waiverInForce(waiver: Waiver, now: Date): boolean {
  return !waiver.revoked && Date.parse(waiver.expiresAt) > now.getTime();
}

/** Whether a result is one a waiver accepts: a failure or a warning (never missing data). */
export function isWaivable(state: CheckState): boolean {
  return state === 'fail' || state === 'warn';
}

/** The longest a new waiver may last (`reserve.waivers`), in milliseconds. */
export interface WaiverLimits {
  maxDurationMs: number;
  /** For critical checks: shorter. */
  criticalMaxDurationMs: number;
}

/** How long a waiver of this check may last: critical checks have the shorter limit. */
export function waiverLimitMs(checkId: CheckId, limits: WaiverLimits): number {
  return getCheckDefinition(checkId).severity === 'critical'
    ? limits.criticalMaxDurationMs
    : limits.maxDurationMs;
}

/** The body of `POST /entities/:kind/:namespace/:name/waivers`. */
export interface WaiverCreateRequest {
  checkId: CheckId;
  /** One cluster of the entity's pair; absent: the check on every cluster. */
  cluster?: string;
  reason: string;
  /** When the waiver lapses (ISO 8601): in the future, and within the configured limit. */
  expiresAt: string;
}

/** The answer of `GET /entities/:kind/:namespace/:name/waivers`. */
export interface EntityWaivers {
  entityRef: string;
  /** Waivers in force, soonest to lapse first. */
  inForce: Waiver[];
  /** Revoked and lapsed waivers, newest first (at most 50). */
  past: Waiver[];
  /** The longest a new waiver may last, per check severity. */
  limits: WaiverLimits;
}
