import { randomBytes } from 'node:crypto';
import { ClusterState } from '../cluster/ClusterState';
import { apiVersionOf, KindInfo } from '../kinds/kindTable';
import { jsonEqual } from '../store/jsonEqual';
import { KubeObject, rfc3339 } from '../store/ObjectStore';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  invalid,
  notFound,
} from './ApiError';
import { decodeObject } from './decodeObject';

/** Options every write accepts. */
export interface WriteOptions {
  /** Compute and answer the result without storing it (`?dryRun=All`). */
  dryRun?: boolean;
}

const NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function generateSuffix(): string {
  return [...randomBytes(5)]
    .map(b => GENERATE_ALPHABET[b % GENERATE_ALPHABET.length])
    .join('');
}

/** Throws 404 for a namespace that does not exist, 403 for one being deleted. */
export function requireNamespace(
  cluster: ClusterState,
  namespace: string,
): void {
  const ns = cluster.store.get(cluster.namespaces, undefined, namespace);
  if (!ns) throw notFound(cluster.namespaces, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError(
      403,
      'Forbidden',
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      { name: namespace, kind: 'namespaces' },
    );
  }
}

/** Everything but metadata and status: what a generation bump reacts to. */
function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata, status, ...rest } = obj;
  return rest;
}

function checkIdentity(
  info: KindInfo,
  body: any,
  namespace: string | undefined,
) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body of the request must be a JSON object');
  }
  const expected = apiVersionOf(info);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== info.kind) {
    throw badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${info.kind})`,
    );
  }
  body.metadata ??= {};
  if (info.namespaced) {
    if (
      body.metadata.namespace !== undefined &&
      body.metadata.namespace !== namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    body.metadata.namespace = namespace;
  } else {
    delete body.metadata.namespace;
  }
  body.apiVersion = expected;
  body.kind = info.kind;
}

/**
 * Prepares a new object the way the API server does on create: a generated name, converted and
 * defaulted, generation 1. `keepStatus` is for fixtures and tests, which may set any status.
 */
export function prepareNewObject(
  info: KindInfo,
  body: KubeObject,
  keepStatus: boolean,
): KubeObject {
  const obj = structuredClone(body);
  if (!obj.metadata.name && obj.metadata.generateName) {
    obj.metadata.name = `${obj.metadata.generateName}${generateSuffix()}`;
  }
  const name = obj.metadata.name ?? '';
  if (!name)
    throw invalid(
      info,
      '',
      'metadata.name',
      'Required value: name or generateName is required',
    );
  if (!NAME.test(name) || name.length > 253) {
    throw invalid(
      info,
      name,
      'metadata.name',
      `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
  delete obj.metadata.uid;
  delete obj.metadata.resourceVersion;
  delete obj.metadata.deletionTimestamp;
  delete obj.metadata.managedFields;
  if (!keepStatus) {
    delete obj.metadata.creationTimestamp;
    if (info.subresources.includes('status')) delete obj.status;
  }
  decodeObject(info, obj);
  if (info.generation) obj.metadata.generation = 1;
  else delete obj.metadata.generation;
  return obj;
}

/** Creates an object (POST), with the API server's checks: identity, namespace, name taken. */
export function createObject(
  cluster: ClusterState,
  info: KindInfo,
  namespace: string | undefined,
  body: any,
  options: WriteOptions = {},
): KubeObject {
  checkIdentity(info, body, namespace);
  if (info.namespaced) requireNamespace(cluster, namespace!);
  const obj = prepareNewObject(info, body, false);
  if (cluster.store.get(info, namespace, obj.metadata.name)) {
    throw alreadyExists(info, obj.metadata.name);
  }
  if (options.dryRun) {
    obj.metadata.creationTimestamp = rfc3339(new Date());
    return obj;
  }
  return cluster.store.add(info, obj);
}

/**
 * Stores an object with the status it declares, creating or replacing it: for fixtures, tests and
 * controllers. It is converted and defaulted like any API write.
 */
export function putObject(
  cluster: ClusterState,
  info: KindInfo,
  body: KubeObject,
): KubeObject {
  const copy = structuredClone(body);
  checkIdentity(
    info,
    copy,
    info.namespaced ? copy.metadata?.namespace ?? 'default' : undefined,
  );
  const existing = cluster.store.get(
    info,
    copy.metadata.namespace,
    copy.metadata.name,
  );
  if (!existing) {
    if (info.namespaced) ensureNamespace(cluster, copy.metadata.namespace!);
    const obj = prepareNewObject(info, copy, true);
    return cluster.store.add(info, obj);
  }
  decodeObject(info, copy);
  copy.metadata = { ...copy.metadata, uid: existing.metadata.uid };
  copy.metadata.creationTimestamp ??= existing.metadata.creationTimestamp;
  if (info.generation) {
    const changed = !jsonEqual(specPart(existing), specPart(copy));
    copy.metadata.generation =
      (existing.metadata.generation ?? 1) + (changed ? 1 : 0);
  }
  return cluster.store.replace(info, copy);
}

/** Creates a namespace if it does not exist yet (fixtures may use namespaces they do not declare). */
export function ensureNamespace(
  cluster: ClusterState,
  namespace: string,
): void {
  if (cluster.store.get(cluster.namespaces, undefined, namespace)) return;
  const ns = prepareNewObject(
    cluster.namespaces,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    true,
  );
  cluster.store.add(cluster.namespaces, ns);
}

/** Which part of an object a write may change. */
export type WriteTarget = 'main' | 'status';

/**
 * Replaces an object (PUT, and the last step of PATCH) with the API server's rules: 409 on a stale
 * resourceVersion, status untouched by main writes and everything but status untouched by status
 * writes, generation bumped on spec changes, no-op writes leave the resourceVersion alone.
 */
export function updateObject(
  cluster: ClusterState,
  info: KindInfo,
  namespace: string | undefined,
  name: string,
  body: any,
  target: WriteTarget,
  options: WriteOptions = {},
): KubeObject {
  const existing = cluster.store.get(info, namespace, name);
  if (!existing) throw notFound(info, name);
  checkIdentity(info, body, namespace);
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const rv = body.metadata.resourceVersion;
  if (
    rv !== undefined &&
    rv !== '' &&
    rv !== existing.metadata.resourceVersion
  ) {
    throw conflict(
      info,
      name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  let next: KubeObject;
  if (target === 'status') {
    next = { ...existing, status: body.status };
    decodeObject(info, next);
  } else {
    next = {
      ...body,
      metadata: {
        ...body.metadata,
        name,
        uid: existing.metadata.uid,
        creationTimestamp: existing.metadata.creationTimestamp,
        resourceVersion: existing.metadata.resourceVersion,
        ...(existing.metadata.deletionTimestamp
          ? { deletionTimestamp: existing.metadata.deletionTimestamp }
          : {}),
      },
    };
    delete next.metadata.managedFields;
    if (info.subresources.includes('status')) next.status = existing.status;
    if (next.status === undefined) delete next.status;
    decodeObject(info, next);
    if (info.generation) {
      const changed = !jsonEqual(specPart(existing), specPart(next));
      next.metadata.generation =
        (existing.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
  }
  if (next.status === undefined) delete next.status;
  if (jsonEqual(next, existing) || options.dryRun) return next;
  return cluster.store.replace(info, next);
}

/** Deletion preconditions a DELETE body may carry. */
export interface DeletePreconditions {
  /** The uid the object must have. */
  uid?: string;
  /** The resourceVersion the object must have. */
  resourceVersion?: string;
}

/**
 * Deletes an object. Namespaces are only marked Terminating here; the namespace controller
 * removes them and their contents on its next round, as the real one does.
 */
export function deleteObject(
  cluster: ClusterState,
  info: KindInfo,
  namespace: string | undefined,
  name: string,
  preconditions: DeletePreconditions = {},
  options: WriteOptions = {},
): KubeObject {
  const existing = cluster.store.get(info, namespace, name);
  if (!existing) throw notFound(info, name);
  if (preconditions.uid && preconditions.uid !== existing.metadata.uid) {
    throw conflict(
      info,
      name,
      `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${existing.metadata.uid}`,
    );
  }
  if (
    preconditions.resourceVersion &&
    preconditions.resourceVersion !== existing.metadata.resourceVersion
  ) {
    throw conflict(
      info,
      name,
      `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
    );
  }
  if (info === cluster.namespaces) {
    if (existing.metadata.deletionTimestamp || options.dryRun) return existing;
    existing.metadata.deletionTimestamp = rfc3339(new Date());
    existing.status = { ...existing.status, phase: 'Terminating' };
    return cluster.store.replace(info, existing);
  }
  if (options.dryRun) return existing;
  return cluster.store.remove(info, namespace, name)!;
}
