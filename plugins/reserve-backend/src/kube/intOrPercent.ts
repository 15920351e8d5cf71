/** An int-or-percent field scaled against a total, or why its value cannot be read. */
export type ScaledIntOrPercent = { value: number } | { problem: string };

const percentPattern = /^([+-]?\d+)%$/;

/**
 * The value of an int-or-percent field (`maxUnavailable: 1`, `minAvailable: 50%`) against a
 * total, as apimachinery's GetScaledValueFromIntOrPercent computes it: a percentage of the
 * total rounded up or down; a string that is not a whole percentage (`'1'`, `'1.5%'`) is
 * refused, as the API's controllers refuse it.
 */
export function scaleIntOrPercent(
  value: number | string,
  total: number,
  roundUp: boolean,
): ScaledIntOrPercent {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { value }
      : { problem: `${value} is not a whole number` };
  }
  const match = percentPattern.exec(value);
  if (!match) {
    return { problem: `'${value}' is not an integer or a percentage` };
  }
  // The same float arithmetic, in the same order, as the Go code.
  const scaled = (Number(match[1]) * total) / 100;
  return { value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}
