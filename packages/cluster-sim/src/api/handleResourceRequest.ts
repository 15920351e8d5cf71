import { IncomingMessage, ServerResponse } from 'node:http';
import { forbidden, isAllowed, TokenDefinition } from '../auth/tokens';
import { ClusterState } from '../cluster/ClusterState';
import { malformedBody } from '../faults/malformedAnswer';
import { KindInfo } from '../kinds/kindTable';
import { applyPatchBody } from '../patch/applyPatch';
import {
  ApiError,
  badRequest,
  methodNotAllowed,
  notFound,
  pathNotFound,
} from './ApiError';
import { readBody, sendJson, sendJsonText } from './http';
import { listObjects, selectionMatcher } from './listObjects';
import {
  createObject,
  deleteObject,
  updateObject,
  WriteOptions,
} from './objectWrites';
import { ParsedPath } from './parsePath';
import { scaleOf, withScale } from './scale';
import { toTable, wantsTable } from './tablePrinting';
import { watchObjects } from './watchObjects';

type ResourcePath = Extract<ParsedPath, { type: 'resource' }>;

/** Server-wide settings a resource request needs. */
export interface ResourceRequestContext {
  /** Aborted when the simulator stops, ending watches. */
  signal: AbortSignal;
  /** How often watches with allowWatchBookmarks get a BOOKMARK. */
  bookmarkIntervalMs: number;
}

const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public'];

function verbOf(method: string, path: ResourcePath, watch: boolean): string {
  switch (method) {
    case 'GET':
      if (watch || path.watchPrefix) return 'watch';
      return path.name !== undefined ? 'get' : 'list';
    case 'POST':
      if (path.name === undefined) return 'create';
      break;
    case 'PUT':
      if (path.name !== undefined) return 'update';
      break;
    case 'PATCH':
      if (path.name !== undefined) return 'patch';
      break;
    case 'DELETE':
      return path.name !== undefined ? 'delete' : 'deletecollection';
    default:
  }
  throw methodNotAllowed(method);
}

function writeOptions(query: URLSearchParams, body?: any): WriteOptions {
  const dryRun = [...query.getAll('dryRun'), ...(body?.dryRun ?? [])];
  const unsupported = dryRun.find(d => d !== 'All');
  if (unsupported !== undefined)
    throw badRequest(`unsupported dry run value: ${unsupported}`);
  return { dryRun: dryRun.length > 0 };
}

function resolveKind(cluster: ClusterState, path: ResourcePath): KindInfo {
  const info = cluster.kinds.byPath(path.group, path.version, path.plural);
  if (!info) throw pathNotFound();
  if (path.namespace !== undefined && !info.namespaced) throw pathNotFound();
  if (
    path.subresource !== undefined &&
    !info.subresources.includes(path.subresource as any)
  ) {
    throw pathNotFound();
  }
  return info;
}

/** Serves a request on a resource path: RBAC, fault injection, then the verb. */
export async function handleResourceRequest(
  cluster: ClusterState,
  path: ResourcePath,
  token: TokenDefinition,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  context: ResourceRequestContext,
): Promise<void> {
  const info = resolveKind(cluster, path);
  const watch = ['true', '1'].includes(query.get('watch') ?? '');
  const verb = verbOf(req.method ?? 'GET', path, watch);
  const { name, subresource } = path;
  if (info.namespaced && path.namespace === undefined) {
    // Namespaced kinds are only listed and watched across namespaces.
    if (name !== undefined) throw pathNotFound();
    if (verb !== 'list' && verb !== 'watch')
      throw methodNotAllowed(req.method ?? '');
  }
  // RBAC sees a request on a namespace object as a request within that namespace.
  const namespace =
    info === cluster.namespaces && name !== undefined ? name : path.namespace;
  const attrs = { verb, info, subresource, namespace, name };
  const faults = cluster.faults.get();
  const revoked = (faults.forbiddenResources ?? []).some(
    r => cluster.kinds.resolve(r) === info,
  );
  if (revoked || !isAllowed(token, attrs)) throw forbidden(token, attrs);
  const failing = faults.errorResources ?? [];
  if (failing.some(r => cluster.kinds.resolve(r) === info)) {
    throw new ApiError(
      500,
      'InternalError',
      `Internal error occurred: simulated failure serving ${info.plural}`,
      {
        causes: [{ message: 'fault injected by cluster-sim' }],
      },
    );
  }
  const ns = path.namespace;
  const params = Object.fromEntries(query.entries());
  const table = wantsTable(req.headers.accept);
  const malformed = Object.entries(faults.malformedResources ?? {}).find(
    ([r]) => cluster.kinds.resolve(r) === info,
  )?.[1];
  // Only JSON answers are broken; kubectl's Table answers stay readable.
  const sendObject = (body: Parameters<typeof malformedBody>[1]) =>
    malformed
      ? sendJsonText(res, 200, malformedBody(malformed, body))
      : sendJson(res, 200, body);

  switch (verb) {
    case 'get': {
      const obj = cluster.store.get(info, ns, name!);
      if (!obj) throw notFound(info, name!);
      if (subresource === 'scale') sendJson(res, 200, scaleOf(obj));
      else if (table)
        sendJson(
          res,
          200,
          toTable(info, [obj], {}, query.get('includeObject')),
        );
      else sendObject(obj);
      return;
    }
    case 'list': {
      const list = listObjects(cluster, info, ns, params);
      if (!table) {
        sendObject(list);
        return;
      }
      const full = list.items.map(i => ({
        ...i,
        apiVersion: list.apiVersion,
        kind: info.kind,
      }));
      sendJson(
        res,
        200,
        toTable(info, full, list.metadata, query.get('includeObject')),
      );
      return;
    }
    case 'watch': {
      const fieldSelector =
        name !== undefined
          ? [params.fieldSelector, `metadata.name=${name}`]
              .filter(Boolean)
              .join(',')
          : params.fieldSelector;
      const includeObject = query.get('includeObject');
      watchObjects(cluster, info, ns, { ...params, fieldSelector }, res, {
        ...context,
        encode: table
          ? obj => toTable(info, [obj], {}, includeObject)
          : undefined,
      });
      return;
    }
    case 'create': {
      const body = await readBody(req);
      sendJson(
        res,
        201,
        createObject(cluster, info, ns, body, writeOptions(query)),
      );
      return;
    }
    case 'update': {
      const body: any = await readBody(req);
      const options = writeOptions(query);
      if (subresource === 'scale') {
        const existing = cluster.store.get(info, ns, name!);
        if (!existing) throw notFound(info, name!);
        const updated = updateObject(
          cluster,
          info,
          ns,
          name!,
          withScale(existing, body),
          'main',
          options,
        );
        sendJson(res, 200, scaleOf(updated));
        return;
      }
      const target = subresource === 'status' ? 'status' : 'main';
      sendJson(
        res,
        200,
        updateObject(cluster, info, ns, name!, body, target, options),
      );
      return;
    }
    case 'patch': {
      const body = await readBody(req);
      const options = writeOptions(query);
      const existing = cluster.store.get(info, ns, name!);
      if (!existing) throw notFound(info, name!);
      const contentType = req.headers['content-type'] ?? '';
      if (subresource === 'scale') {
        const patched = applyPatchBody(contentType, scaleOf(existing), body);
        const updated = updateObject(
          cluster,
          info,
          ns,
          name!,
          withScale(existing, patched),
          'main',
          options,
        );
        sendJson(res, 200, scaleOf(updated));
        return;
      }
      const patched = applyPatchBody(contentType, existing, body);
      const target = subresource === 'status' ? 'status' : 'main';
      sendJson(
        res,
        200,
        updateObject(cluster, info, ns, name!, patched, target, options),
      );
      return;
    }
    case 'delete': {
      const body: any = await readBody(req);
      if (info === cluster.namespaces && PROTECTED_NAMESPACES.includes(name!)) {
        throw new ApiError(
          403,
          'Forbidden',
          `namespaces "${name}" is forbidden: this namespace may not be deleted`,
          {
            name,
            kind: 'namespaces',
          },
        );
      }
      const deleted = deleteObject(
        cluster,
        info,
        ns,
        name!,
        body?.preconditions,
        writeOptions(query, body),
      );
      if (info.returnsDeletedObject || info === cluster.namespaces) {
        sendJson(res, 200, deleted);
      } else {
        sendJson(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: {
            name,
            group: info.group || undefined,
            kind: info.plural,
            uid: deleted.metadata.uid,
          },
        });
      }
      return;
    }
    case 'deletecollection': {
      const body: any = await readBody(req);
      const options = writeOptions(query, body);
      const matches = selectionMatcher(info, params);
      const victims = cluster.store.list(info, ns).filter(matches);
      const items = victims
        .filter(
          v =>
            !(
              info === cluster.namespaces &&
              PROTECTED_NAMESPACES.includes(v.metadata.name)
            ),
        )
        .map(v =>
          deleteObject(
            cluster,
            info,
            v.metadata.namespace,
            v.metadata.name,
            {},
            options,
          ),
        );
      sendJson(res, 200, {
        kind: `${info.kind}List`,
        apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
        metadata: { resourceVersion: String(cluster.store.resourceVersion) },
        items,
      });
      return;
    }
    default:
      throw methodNotAllowed(req.method ?? '');
  }
}
