/** A JSON object the defaulting code may add fields to. */
export type Fields = Record<string, any>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets every field the target leaves unset. Absent, null and '' count as unset, as a nil pointer
 * or an empty string does for the API server's Go defaulting functions.
 */
export function fillUnset(target: Fields, defaults: Fields): void {
  for (const [key, value] of Object.entries(defaults)) {
    const current = target[key];
    if (current === undefined || current === null || current === '') {
      target[key] = value;
    }
  }
}

/** The object at `parent[key]`, created empty when missing, as Go does for a struct field. */
export function fieldsAt(parent: Fields, key: string): Fields {
  if (!isFields(parent[key])) parent[key] = {};
  return parent[key];
}
