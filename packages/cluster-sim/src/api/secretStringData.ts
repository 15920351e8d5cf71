import { KubeObject } from '../store/ObjectStore';
import { badRequest } from './ApiError';

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

// The decoder's wording for a field of the wrong JSON type (a 400 BadRequest).
function undecodable(value: unknown, goType: string) {
  return badRequest(
    `Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal ${jsonTypeOf(
      value,
    )} into Go struct field Secret.stringData of type ${goType}`,
  );
}

/**
 * Folds a Secret's write-only `stringData` into base64 `data`, as the API server's v1 conversion
 * does on every write: stringData keys overwrite data keys of the same name, and stringData itself
 * is never stored or returned. Values that are not strings are refused like the real decoder does.
 */
export function foldStringData(secret: KubeObject): void {
  const { stringData } = secret;
  delete secret.stringData;
  if (stringData === undefined || stringData === null) return;
  if (jsonTypeOf(stringData) !== 'object') {
    throw undecodable(stringData, 'map[string]string');
  }
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value !== 'string') {
      throw undecodable(value, 'string');
    }
    encoded[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  if (Object.keys(encoded).length === 0) return;
  secret.data = { ...secret.data, ...encoded };
}
