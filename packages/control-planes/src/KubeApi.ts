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
    return new Promise<T>((resolve, reject) => {
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
            ...(data
              ? { 'Content-Type': contentType, 'Content-Length': data.length }
              : {}),
          },
          timeout: 30_000,
        },
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
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: timeout`)),
      );
      req.on('error', reject);
      req.end(data);
    });
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
