/** What a request path names, before the kind is looked up. */
export type ParsedPath =
  | { type: 'version' | 'health' | 'api' | 'apis' | 'openapi' | 'unknown' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | {
      type: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** The deprecated `/watch/` path prefix was used. */
      watchPrefix: boolean;
    };

/** Splits a Kubernetes API path into group, version, namespace, resource, name and subresource. */
export function parsePath(pathname: string): ParsedPath {
  const segments = pathname
    .split('/')
    .filter(s => s !== '')
    .map(decodeURIComponent);
  const [root, ...rest] = segments;
  if (root === 'version' && rest.length === 0) return { type: 'version' };
  if (['healthz', 'livez', 'readyz'].includes(root)) return { type: 'health' };
  if (root === 'openapi') return { type: 'openapi' };
  let group: string;
  let version: string;
  let tail: string[];
  if (root === 'api') {
    if (rest.length === 0) return { type: 'api' };
    [version, ...tail] = rest;
    group = '';
  } else if (root === 'apis') {
    if (rest.length === 0) return { type: 'apis' };
    if (rest.length === 1) return { type: 'group', group: rest[0] };
    [group, version, ...tail] = rest;
  } else {
    return { type: 'unknown' };
  }
  if (tail.length === 0) return { type: 'groupVersion', group, version };
  const watchPrefix = tail[0] === 'watch';
  if (watchPrefix) tail = tail.slice(1);
  const base = { type: 'resource' as const, group, version, watchPrefix };
  if (tail[0] === 'namespaces' && tail.length >= 3) {
    // /api/v1/namespaces/<name>/status is the namespace's own subresource, not a resource in it.
    if (
      group === '' &&
      tail.length === 3 &&
      ['status', 'finalize'].includes(tail[2])
    ) {
      return {
        ...base,
        plural: 'namespaces',
        name: tail[1],
        subresource: tail[2],
      };
    }
    const [, namespace, plural, name, subresource, ...extra] = tail;
    if (extra.length > 0) return { type: 'unknown' };
    return { ...base, namespace, plural, name, subresource };
  }
  const [plural, name, subresource, ...extra] = tail;
  if (extra.length > 0) return { type: 'unknown' };
  return { ...base, plural, name, subresource };
}
