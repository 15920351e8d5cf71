// Multipliers of the Kubernetes resource.Quantity suffixes (binary, decimal and milli).
const suffixes: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// A quantity carries either a suffix or a decimal exponent (`1e3`), never both.
const quantityPattern =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/**
 * The value of a Kubernetes quantity such as `500m`, `1.5Gi` or `2`, in base units (cores,
 * bytes, count); undefined when the text is not a quantity.
 */
export function parseQuantity(
  text: string | number | undefined,
): number | undefined {
  if (typeof text === 'number') return text;
  if (text === undefined) return undefined;
  const match = quantityPattern.exec(text.trim());
  if (!match) return undefined;
  const [, number, exponent = '', suffix = ''] = match;
  return Number(`${number}${exponent}`) * suffixes[suffix];
}
