import { ClusterState } from '../cluster/ClusterState';
import { apiVersionOf, KindInfo } from '../kinds/kindTable';
import { fieldMatcher } from '../selectors/fieldSelector';
import { labelMatcher, SelectorError } from '../selectors/labelSelector';
import { KubeObject } from '../store/ObjectStore';
import { ApiError, badRequest } from './ApiError';

/** The list and watch query parameters that select objects. */
export interface SelectionQuery {
  /** labelSelector query parameter. */
  labelSelector?: string;
  /** fieldSelector query parameter. */
  fieldSelector?: string;
}

/** Builds the object filter a labelSelector and fieldSelector describe; 400 for a bad selector. */
export function selectionMatcher(
  info: KindInfo,
  query: SelectionQuery,
): (obj: KubeObject) => boolean {
  try {
    const labels = labelMatcher(query.labelSelector);
    const fields = fieldMatcher(query.fieldSelector, info.selectableFields);
    return obj => labels(obj.metadata.labels) && fields(obj);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}

/** A list item as the API server serializes it: built-in lists omit each item's kind and apiVersion. */
export function listItem(info: KindInfo, obj: KubeObject): KubeObject {
  if (info.crd) return obj;
  const { apiVersion, kind, ...rest } = obj;
  return rest as KubeObject;
}

function encodeContinue(key: string, resourceVersion: number): string {
  return Buffer.from(
    JSON.stringify({ v: 'cluster-sim/1', key, rv: resourceVersion }),
  ).toString('base64url');
}

function decodeContinue(token: string): { key: string; rv: number } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed?.v === 'cluster-sim/1' &&
      typeof parsed.key === 'string' &&
      Number.isInteger(parsed.rv)
    )
      return { key: parsed.key, rv: parsed.rv };
  } catch {
    // fall through to the error below
  }
  throw new ApiError(
    400,
    'BadRequest',
    `continue key is not valid: ${token.slice(0, 40)}`,
  );
}

/** The API server's own message for an expired continue token (k8s.io/apiserver, 1.37). */
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** Lists a kind in one namespace or all, with selectors and `limit`/`continue` pagination. */
export function listObjects(
  cluster: ClusterState,
  info: KindInfo,
  namespace: string | undefined,
  query: SelectionQuery & { limit?: string; continue?: string },
) {
  const matches = selectionMatcher(info, query);
  let items = cluster.store.list(info, namespace).filter(matches);
  if (query.continue) {
    const after = decodeContinue(query.continue);
    // The API server serves the next page as of the first page's resourceVersion while its
    // history reaches back that far (the watch cache, then etcd until compaction); after that the
    // token has expired. This store keeps no snapshots: the page is read now, and the token
    // expires when the event history no longer reaches its resourceVersion. The fresh token the
    // 410 carries (resourceVersion -1) pages on through the current state, as the server's does.
    if (after.rv >= 0 && !cluster.store.eventsSince(after.rv)) {
      throw new ApiError(410, 'Expired', CONTINUE_EXPIRED, undefined, {
        continue: encodeContinue(after.key, -1),
      });
    }
    items = items.filter(o => keyOf(o) > after.key);
  }
  const limit = query.limit ? Number(query.limit) : 0;
  if (!Number.isInteger(limit) || limit < 0)
    throw badRequest(`invalid limit: ${query.limit}`);
  const resourceVersion = cluster.store.resourceVersion;
  const metadata: Record<string, unknown> = {
    resourceVersion: String(resourceVersion),
  };
  if (limit > 0 && items.length > limit) {
    metadata.continue = encodeContinue(
      keyOf(items[limit - 1]),
      resourceVersion,
    );
    metadata.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  return {
    kind: `${info.kind}List`,
    apiVersion: apiVersionOf(info),
    metadata,
    items: items.map(o => listItem(info, o)),
  };
}
