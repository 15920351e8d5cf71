function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether two JSON values hold the same data, whatever their key order, with an undefined field
 * the same as an absent one. Unlike `util.isDeepStrictEqual` it ignores prototypes: objects from
 * JSON.parse and from structuredClone can come from different realms (as under Jest), and a write
 * that changes nothing must still count as a no-op there.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i]))
    );
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keysOf = (o: Record<string, unknown>) =>
    Object.keys(o).filter(k => o[k] !== undefined);
  const keys = keysOf(a);
  return (
    keys.length === keysOf(b).length && keys.every(k => jsonEqual(a[k], b[k]))
  );
}
