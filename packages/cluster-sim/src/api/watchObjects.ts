import { ServerResponse } from 'node:http';
import { ClusterState } from '../cluster/ClusterState';
import { apiVersionOf, KindInfo } from '../kinds/kindTable';
import { KubeObject, StoreEvent } from '../store/ObjectStore';
import { ApiError, badRequest } from './ApiError';
import { selectionMatcher, SelectionQuery } from './listObjects';

/** The watch query parameters the simulator honours. */
export interface WatchQuery extends SelectionQuery {
  /** Start after this resourceVersion; unset or '0' starts with the current objects. */
  resourceVersion?: string;
  /** End the stream after this many seconds. */
  timeoutSeconds?: string;
  /** Send periodic BOOKMARK events. */
  allowWatchBookmarks?: string;
  /** Send the current objects first, then a bookmark marking their end. */
  sendInitialEvents?: string;
}

/** Streams watch events of one kind as newline-delimited JSON until timeout, close or stop. */
export function watchObjects(
  cluster: ClusterState,
  info: KindInfo,
  namespace: string | undefined,
  query: WatchQuery,
  res: ServerResponse,
  options: {
    signal: AbortSignal;
    bookmarkIntervalMs: number;
    /** How each event's object is encoded (a one-row Table for `kubectl get -w`). */
    encode?: (obj: KubeObject) => unknown;
  },
): void {
  const encode = options.encode ?? (obj => obj);
  const matches = selectionMatcher(info, query);
  const inScope = (o: KubeObject) =>
    namespace === undefined || o.metadata.namespace === namespace;
  const selected = (o: KubeObject | undefined) =>
    !!o && inScope(o) && matches(o);
  const rv = query.resourceVersion;
  if (rv && !/^\d+$/.test(rv))
    throw badRequest(`invalid resource version: ${rv}`);
  const timeout = Number(query.timeoutSeconds ?? 1800);
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw badRequest(`invalid timeoutSeconds: ${query.timeoutSeconds}`);
  }

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Clients wait for the headers before they consider the watch established.
  res.flushHeaders();
  const write = (type: string, object: unknown) => {
    if (!res.destroyed && !res.writableEnded)
      res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: info.kind,
      apiVersion: apiVersionOf(info),
      metadata: {
        resourceVersion: String(cluster.store.resourceVersion),
        ...(annotations ? { annotations } : {}),
      },
    });
  const deliver = (event: StoreEvent) => {
    if (event.info !== info) return;
    const now = selected(event.object);
    const before = selected(event.previous);
    if (event.type === 'ADDED' && now) write('ADDED', encode(event.object));
    if (event.type === 'DELETED' && (before || now))
      write('DELETED', encode(event.object));
    if (event.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', encode(event.object));
      else if (now) write('ADDED', encode(event.object));
      else if (before) {
        // An object leaving the selection is deleted for this watch with its last selected
        // state at the change's resourceVersion, as k8s.io/apiserver's cacher sends it.
        const last = structuredClone(event.previous!);
        last.metadata.resourceVersion = event.object.metadata.resourceVersion;
        write('DELETED', encode(last));
      }
    }
  };

  // Everything below runs in one turn of the event loop, so no change can slip between the
  // replay and the subscription.
  if (!rv || rv === '0' || query.sendInitialEvents === 'true') {
    for (const obj of cluster.store.list(info, namespace).filter(matches))
      write('ADDED', encode(obj));
    if (query.sendInitialEvents === 'true')
      bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const past = cluster.store.eventsSince(Number(rv));
    if (!past) {
      const gone = new ApiError(
        410,
        'Expired',
        `too old resource version: ${rv} (${cluster.store.resourceVersion})`,
      );
      write('ERROR', gone.toStatus());
      res.end();
      return;
    }
    past.forEach(deliver);
  }
  const unsubscribe = cluster.store.subscribe(deliver);
  const timers: NodeJS.Timeout[] = [setTimeout(() => finish(), timeout * 1000)];
  if (query.allowWatchBookmarks === 'true') {
    timers.push(setInterval(() => bookmark(), options.bookmarkIntervalMs));
  }
  const onAbort = () => finish();
  function finish() {
    unsubscribe();
    timers.forEach(t => clearTimeout(t));
    options.signal.removeEventListener('abort', onAbort);
    if (!res.writableEnded) res.end();
  }
  options.signal.addEventListener('abort', onAbort);
  res.on('close', finish);
}
