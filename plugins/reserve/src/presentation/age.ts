import { formatDuration } from '@kube-reserve/plugin-reserve-common';

/** How long ago an ISO 8601 date-time was, e.g. `3 min ago`, or `just now` within a second. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (Math.abs(ms) < 1000) return 'just now';
  return ms < 0 ? `in ${formatDuration(-ms)}` : `${formatDuration(ms)} ago`;
}

/** Days from now until an ISO 8601 date-time, negative once it has passed. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
