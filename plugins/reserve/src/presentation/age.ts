const UNITS: ReadonlyArray<[label: string, ms: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** A duration in its largest whole unit, e.g. `3 min` or `2 d`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (const [label, size] of UNITS) {
    if (abs >= size) {
      return `${Math.floor(abs / size)} ${label}`;
    }
  }
  return '0 s';
}

/** How long ago an ISO 8601 date-time was, e.g. `3 min ago`. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  return ms < 0 ? `in ${formatDuration(ms)}` : `${formatDuration(ms)} ago`;
}

/** Days from now until an ISO 8601 date-time, negative once it has passed. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
