import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  CheckResult,
  CheckState,
  CheckWaiver,
  getCheckDefinition,
  OwnershipRow,
} from '@kube-reserve/plugin-reserve-common';
import { checkStatePresentation } from './checkStates';
import { describeError } from './errors';

/** The state a waived check has underneath, in words, e.g. `fails underneath`. */
export function describeUnderlyingState(state: CheckState): string {
  if (state === 'fail') return 'fails underneath';
  if (state === 'warn') return 'warns underneath';
  return `${checkStatePresentation[state].label.toLowerCase()} underneath`;
}

/** Where a waiver applies, e.g. `on reserve-ams only` or `on every cluster`. */
export function describeWaiverScope(cluster?: string): string {
  return cluster ? `on ${cluster} only` : 'on every cluster';
}

/** The day a waiver lapses, in the browser's zone, e.g. `2026-12-21`. */
export function waiverExpiryDay(iso: string): string {
  return localDay(new Date(iso));
}

/**
 * Every waiver a check shows, once each: the check's own, then those of its clusters' results
 * (a waiver of one cluster shows there only while another cluster still fails).
 */
export function waiversOf(result: CheckResult): CheckWaiver[] {
  const all = [result.waiver, ...result.clusters.map(c => c.waiver)];
  const seen = new Set<string>();
  return all.filter((waiver): waiver is CheckWaiver => {
    if (!waiver) return false;
    const key = waiver.id ?? `${waiver.by}:${waiver.cluster}:${waiver.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The browser's clock and the backend's may differ by a little: an expiry chosen at the limit
// lapses this long before it, so that the backend does not refuse it as a millisecond too late.
const CLOCK_MARGIN_MS = 60_000;

/** A date as `<input type="date">` writes it (`YYYY-MM-DD`), in the browser's zone. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/** The last day a new waiver may last until, in the browser's zone. */
export function lastWaiverDay(limitMs: number, now: Date): string {
  return localDay(new Date(now.getTime() + limitMs - CLOCK_MARGIN_MS));
}

/**
 * When a waiver chosen to last until `day` lapses (ISO 8601): at the end of that day in the
 * browser's zone, or at the limit when that comes first; undefined for a day that is not a
 * date, in the past, or past the limit.
 */
export function waiverExpiresAt(
  day: string,
  limitMs: number,
  now: Date,
): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || day < localDay(now) || day > lastWaiverDay(limitMs, now)) {
    return undefined;
  }
  const [, year, month, date] = match.map(Number);
  const endOfDay = new Date(year, month - 1, date, 23, 59, 59, 999).getTime();
  const limit = now.getTime() + limitMs - CLOCK_MARGIN_MS;
  return new Date(Math.min(endOfDay, limit)).toISOString();
}

/** Why a waiver could not be saved or revoked: the backend's words, a 403 said plainly. */
export function describeWaiverError(error: Error): string {
  if (
    (error instanceof ResponseError || error.name === 'ResponseError') &&
    (error as ResponseError).statusCode === 403
  ) {
    return `You may not waive checks of this service: ${
      (error as ResponseError).cause.message
    }`;
  }
  return describeError(error);
}

/** One waiver in force of a group's services, as the group page's table lists it. */
export interface GroupWaiverRow {
  id: string;
  entityRef: string;
  service: string;
  check: string;
  /** The cluster it waives, or `Every cluster`. */
  scope: string;
  reason: string;
  by: string;
  expiresAt: string;
  /** The day it lapses, e.g. `2026-12-21`. */
  until: string;
}

/** The waivers in force of a group's services, soonest to lapse first. */
export function groupWaiverRows(
  rows: readonly OwnershipRow[],
): GroupWaiverRow[] {
  return rows
    .flatMap(row =>
      (row.waivers ?? []).map(waiver => ({
        id: waiver.id,
        entityRef: row.entityRef,
        service: row.title ?? parseEntityRef(row.entityRef).name,
        check: getCheckDefinition(waiver.checkId).title,
        scope: waiver.cluster ?? 'Every cluster',
        reason: waiver.reason,
        by: waiver.createdBy,
        expiresAt: waiver.expiresAt,
        until: waiverExpiryDay(waiver.expiresAt),
      })),
    )
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
