const secondMs = 1_000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

// Below this many minutes the seconds still matter ("2 min 5 s"); above, "12 min" is exact enough.
const minutesShownWithSeconds = 10;
// Up to this many hours a figure reads best in hours ("62 h"), as schedules and RPOs are set.
const hoursBeforeDays = 72;

function joined(parts: ReadonlyArray<[amount: number, unit: string]>): string {
  const shown = parts.filter(([amount], i) => i === 0 || amount > 0);
  return shown.map(([amount, unit]) => `${amount} ${unit}`).join(' ');
}

/**
 * A duration as people state a measurement, exact in the units shown: `45 s`, `2 min 5 s`,
 * `12 min`, `3 h 15 min`, `62 h`, `4 d 6 h`, `90 d`.
 *
 * Seconds under a minute; minutes under an hour (with the seconds under 10 minutes); hours and
 * minutes under 72 hours; days and hours beyond. A figure is cut down to the smallest unit
 * shown, never rounded up, and no nonzero part of the units shown is left out: `3 h 15 min`,
 * not `3 h`. A nonzero duration under a second reads `under 1 s`; a negative one keeps its
 * sign.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`Cannot format a duration of ${ms} ms`);
  }
  if (ms < 0) {
    return `-${formatDuration(-ms)}`;
  }
  if (ms > 0 && ms < secondMs) {
    return 'under 1 s';
  }
  if (ms < minuteMs) {
    return joined([[Math.floor(ms / secondMs), 's']]);
  }
  if (ms < hourMs) {
    const minutes = Math.floor(ms / minuteMs);
    const seconds = Math.floor((ms % minuteMs) / secondMs);
    return minutes < minutesShownWithSeconds
      ? joined([
          [minutes, 'min'],
          [seconds, 's'],
        ])
      : joined([[minutes, 'min']]);
  }
  if (ms < hoursBeforeDays * hourMs) {
    return joined([
      [Math.floor(ms / hourMs), 'h'],
      [Math.floor((ms % hourMs) / minuteMs), 'min'],
    ]);
  }
  return joined([
    [Math.floor(ms / dayMs), 'd'],
    [Math.floor((ms % dayMs) / hourMs), 'h'],
  ]);
}
