import { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';

/** A Kubernetes object as the API serves it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One event of a watch: ADDED, MODIFIED, DELETED, BOOKMARK, or ERROR with a Status. */
export interface WatchEvent {
  type: string;
  object: KubeObject;
}

/** An open watch. */
export interface KubeWatch {
  /** The first `count` events (waiting up to `timeoutMs` for them). */
  events(count: number, timeoutMs?: number): Promise<WatchEvent[]>;
  /** Closes the watch. */
  close(): void;
}

/** A request reset on a reused keep-alive socket: the server never read it. */
class StaleSocketError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}

/** An answer of the API server other than 2xx, with its Status message. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: string,
  ) {
    let message = body;
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // Not a Status: keep the text.
    }
    super(`${method} ${path}: ${status} ${message}`);
  }
}

interface Resource {
  plural: string;
  namespaced: boolean;
  hasStatus: boolean;
}

/**
 * The few calls seeding a cluster needs, over HTTPS with a bearer token: requests, server-side
 * apply, the status subresource, and the discovery that maps a kind to its resource.
 */
export class KubeApi {
  private resources = new Map<string, Resource>();

  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly caPem: string,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const data =
      body === undefined
        ? undefined
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    try {
      return await this.requestOnce<T>(method, path, data, contentType);
    } catch (error) {
      // A kept-alive socket the server closed while idle (Node's servers after 5 s) resets
      // the request written on it before the server read it: Node's documented case for
      // sending it again, once, on a new socket.
      if (!(error instanceof StaleSocketError)) throw error;
      return this.requestOnce<T>(method, path, data, contentType);
    }
  }

  private requestOnce<T>(
    method: string,
    path: string,
    data: Buffer | undefined,
    contentType: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = this.send(
        method,
        path,
        data
          ? { 'Content-Type': contentType, 'Content-Length': data.length }
          : {},
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new KubeApiError(status, method, path, text));
              return;
            }
            const json = /json/.test(res.headers['content-type'] ?? '');
            try {
              resolve((json && text ? JSON.parse(text) : text) as T);
            } catch (error) {
              reject(
                new Error(`${method} ${path}: ${(error as Error).message}`),
              );
            }
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: timeout`)),
      );
      req.on('error', error =>
        reject(
          req.reusedSocket &&
            (error as NodeJS.ErrnoException).code === 'ECONNRESET'
            ? new StaleSocketError(error)
            : error,
        ),
      );
      req.end(data);
    });
  }

  /** Whether the object at `path` exists (a 404 answers false; other failures throw). */
  async exists(path: string): Promise<boolean> {
    try {
      await this.request('GET', path);
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false;
      throw error;
    }
  }

  /**
   * Opens a watch (`path` carries `watch=true`, the resourceVersion and selectors) and answers
   * once the API server has accepted it, so that changes made after that are delivered.
   */
  watch(path: string): Promise<KubeWatch> {
    return new Promise<KubeWatch>((resolve, reject) => {
      const req = this.send('GET', path, {}, res => {
        if ((res.statusCode ?? 0) !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            reject(
              new KubeApiError(
                res.statusCode ?? 0,
                'GET',
                path,
                Buffer.concat(chunks).toString('utf8'),
              ),
            ),
          );
          return;
        }
        const events: WatchEvent[] = [];
        const waiters = new Set<() => void>();
        let pending = '';
        let ended = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          pending += chunk;
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) {
            if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
          }
          for (const wake of waiters) wake();
        });
        res.on('close', () => {
          ended = true;
          for (const wake of waiters) wake();
        });
        resolve({
          events: (count, timeoutMs = 30_000) =>
            new Promise<WatchEvent[]>((done, fail) => {
              const timer = setTimeout(() => {
                waiters.delete(look);
                fail(
                  new Error(
                    `watch ${path}: ${events.length} of ${count} events within ${timeoutMs} ms`,
                  ),
                );
              }, timeoutMs);
              function look() {
                if (events.length < count && !ended) return;
                clearTimeout(timer);
                waiters.delete(look);
                if (events.length >= count) done(events.slice(0, count));
                else
                  fail(
                    new Error(
                      `watch ${path} ended after ${events.length} of ${count} events`,
                    ),
                  );
              }
              waiters.add(look);
              look();
            }),
          close: () => req.destroy(),
        });
      });
      // A watch is open for as long as it is read; only connecting is bounded.
      req.setTimeout(0);
      // After the watch is open, an error (its closing, say) rejects nothing.
      req.on('error', reject);
      req.end();
    });
  }

  /** Sends one request with the token, trusting the CA (and forgiving only expiry, see below). */
  private send(
    method: string,
    path: string,
    headers: Record<string, string | number>,
    onResponse: (res: IncomingMessage) => void,
  ): ClientRequest {
    const req = https.request(
      new URL(path, this.url),
      {
        method,
        ca: this.caPem,
        // The serving certificate may be expired on purpose (a fixture's choice): the check
        // below still requires our CA's signature, and only forgives expiry.
        rejectUnauthorized: false,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...headers,
        },
        timeout: 30_000,
      },
      onResponse,
    );
    req.on('socket', socket => {
      // A kept-alive socket was checked when it connected.
      if (!socket.connecting) return;
      socket.once('secureConnect', () => {
        const tls = socket as TLSSocket;
        const problem = tls.authorizationError?.toString();
        if (!tls.authorized && problem !== 'CERT_HAS_EXPIRED') {
          req.destroy(new Error(`${this.url}: ${problem}`));
        }
      });
    });
    return req;
  }

  /** Reads discovery again (after CRDs are installed, say). */
  async discover(): Promise<void> {
    const resources = new Map<string, Resource>();
    const groupVersions = ['v1'].map(v => `/api/${v}`);
    const groups = await this.request<{
      groups: {
        preferredVersion: { groupVersion: string };
        versions: { groupVersion: string }[];
      }[];
    }>('GET', '/apis');
    for (const group of groups.groups) {
      for (const version of group.versions) {
        groupVersions.push(`/apis/${version.groupVersion}`);
      }
    }
    await Promise.all(
      groupVersions.map(async base => {
        const list = await this.request<{
          groupVersion: string;
          resources: { name: string; kind: string; namespaced: boolean }[];
        }>('GET', base);
        const names = new Set(list.resources.map(r => r.name));
        for (const r of list.resources) {
          if (r.name.includes('/')) continue;
          resources.set(`${list.groupVersion}/${r.kind}`, {
            plural: r.name,
            namespaced: r.namespaced,
            hasStatus: names.has(`${r.name}/status`),
          });
        }
      }),
    );
    this.resources = resources;
  }

  /** The path of an object (or of its collection, without a name). */
  pathOf(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name?: string,
  ): string {
    const resource = this.resourceOf(apiVersion, kind);
    const base = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    const ns = resource.namespaced
      ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}`
      : '';
    return `${base}${ns}/${resource.plural}${
      name ? `/${encodeURIComponent(name)}` : ''
    }`;
  }

  /** Whether the kind has a status subresource (its status cannot be written with the object). */
  hasStatus(apiVersion: string, kind: string): boolean {
    return this.resourceOf(apiVersion, kind).hasStatus;
  }

  /** Creates or updates an object by server-side apply; answers it as stored. */
  apply(
    object: KubeObject,
    fieldManager = 'kube-reserve-fixtures',
  ): Promise<KubeObject> {
    return this.serverSideApply(object, '', object, fieldManager);
  }

  /** Writes an object's status through its status subresource, as its controller would. */
  applyStatus(
    object: KubeObject,
    fieldManager = 'kube-reserve-fixtures',
  ): Promise<KubeObject> {
    const { apiVersion, kind, metadata, status } = object;
    return this.serverSideApply(
      object,
      '/status',
      {
        apiVersion,
        kind,
        metadata: { name: metadata.name, namespace: metadata.namespace },
        status,
      },
      fieldManager,
    );
  }

  private serverSideApply(
    object: KubeObject,
    subresource: string,
    body: unknown,
    fieldManager: string,
  ): Promise<KubeObject> {
    const path = this.pathOf(
      object.apiVersion!,
      object.kind!,
      object.metadata.namespace,
      object.metadata.name,
    );
    return this.request<KubeObject>(
      'PATCH',
      `${path}${subresource}?fieldManager=${fieldManager}&force=true`,
      body,
      'application/apply-patch+yaml',
    );
  }

  private resourceOf(apiVersion: string, kind: string): Resource {
    const resource = this.resources.get(`${apiVersion}/${kind}`);
    if (!resource) {
      throw new Error(`${kind} (${apiVersion}) is not served by ${this.url}`);
    }
    return resource;
  }
}
