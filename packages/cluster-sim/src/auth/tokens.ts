import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../api/ApiError';
import { KindInfo, kindTable, qualifiedResource } from '../kinds/kindTable';

/** One RBAC-like rule of a token: verbs on resources, optionally only in some namespaces. */
export interface TokenRule {
  /** Verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`) or '*'. */
  verbs: string[];
  /** '*', a plural (`secrets`), `plural/subresource`, `group/plural`, `group/plural/subresource` or `group/*`. */
  resources: string[];
  /** When set, the rule holds only for requests within these namespaces. */
  namespaces?: string[];
}

/** A bearer token a simulated cluster accepts, named like a service account. */
export interface TokenDefinition {
  /** Token name: the service account's name, the kubeconfig's `--user` choice. */
  name: string;
  /** The secret bearer token. */
  token: string;
  /** The service account's namespace (default kube-system), used in the user name. */
  namespace?: string;
  /** What the token may do. */
  rules: TokenRule[];
}

/** What a request asks to do, in the terms RBAC decides on. */
export interface RequestAttributes {
  /** RBAC verb. */
  verb: string;
  /** The requested kind. */
  info: KindInfo;
  /** The subresource (`status`, `scale`), if any. */
  subresource?: string;
  /** The request's namespace; undefined for cluster scope and all-namespace lists. */
  namespace?: string;
  /** The object's name, for requests on one object. */
  name?: string;
}

const knownGroups = new Set(kindTable.map(k => k.group).filter(g => g !== ''));

/** The user name the API server reports for a token. */
export function userOf(token: TokenDefinition): string {
  return `system:serviceaccount:${token.namespace ?? 'kube-system'}:${
    token.name
  }`;
}

/** Finds the token an Authorization header carries; compares in constant time. */
export function authenticate(
  tokens: readonly TokenDefinition[],
  authorization: string | undefined,
): TokenDefinition | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const offered = Buffer.from(match[1]);
  return tokens.find(t => {
    const known = Buffer.from(t.token);
    return known.length === offered.length && timingSafeEqual(known, offered);
  });
}

function resourceMatches(pattern: string, attrs: RequestAttributes): boolean {
  if (pattern === '*') return true;
  const parts = pattern.split('/');
  let group: string | undefined;
  if (parts.length > 1 && knownGroups.has(parts[0])) {
    group = parts.shift();
  }
  if (group !== undefined && group !== attrs.info.group) return false;
  const [plural, sub] = parts;
  if (plural !== '*' && plural !== attrs.info.plural) return false;
  // A bare '*' covers subresources too, as in RBAC; a named plural covers only the object itself.
  if (plural === '*' && sub === undefined) return true;
  return sub === '*' || sub === attrs.subresource;
}

/** Whether any rule of the token allows the request. */
export function isAllowed(
  token: TokenDefinition,
  attrs: RequestAttributes,
): boolean {
  return token.rules.some(
    rule =>
      (rule.verbs.includes('*') || rule.verbs.includes(attrs.verb)) &&
      rule.resources.some(r => resourceMatches(r, attrs)) &&
      (!rule.namespaces ||
        (attrs.namespace !== undefined &&
          (rule.namespaces.includes('*') ||
            rule.namespaces.includes(attrs.namespace)))),
  );
}

/** The 403 the API server answers when RBAC denies a request, worded the same way. */
export function forbidden(
  token: TokenDefinition,
  attrs: RequestAttributes,
): ApiError {
  const { info, name, namespace, verb, subresource } = attrs;
  const subject = `${qualifiedResource(info)}${
    name !== undefined ? ` "${name}"` : ''
  }`;
  const resource = subresource ? `${info.plural}/${subresource}` : info.plural;
  const scope =
    namespace !== undefined
      ? `in the namespace "${namespace}"`
      : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${userOf(
      token,
    )}" cannot ${verb} resource "${resource}" in API group "${
      info.group
    }" ${scope}`,
    {
      ...(name !== undefined ? { name } : {}),
      group: info.group,
      kind: info.plural,
    },
  );
}

/** The 401 for a request without a valid token. */
export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}
