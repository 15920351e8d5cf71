import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import { ClusterConnectionConfig } from './ClusterRegistry';

const PAGE_SIZE = 500;

/** Why a request to a cluster failed, in the terms the cluster status uses. */
export interface ClusterRequestFailure {
  reason: 'unreachable' | 'unauthorized' | 'forbidden' | 'absent' | 'failed';
  message: string;
}

/**
 * Read-only access to one cluster's API server through `@kubernetes/client-node`, every request
 * bounded by the refresh timeout so a hanging cluster delays nothing but itself.
 */
export class ClusterConnection {
  private constructor(
    private readonly config: ClusterConnectionConfig,
    private readonly objects: KubernetesObjectApi,
    private readonly versions: VersionApi,
    private readonly watcher: Watch,
    private readonly timeoutMs: number,
  ) {}

  /** Builds a connection; the client library is ESM-only, hence the dynamic import. */
  static async create(
    config: ClusterConnectionConfig,
    timeoutMs: number,
  ): Promise<ClusterConnection> {
    const k8s = await import('@kubernetes/client-node');
    const configuration = await clientConfiguration(config, timeoutMs);
    return new ClusterConnection(
      config,
      new k8s.KubernetesObjectApi(configuration),
      new k8s.VersionApi(configuration),
      new k8s.Watch(await kubeConfigOf(config)),
      timeoutMs,
    );
  }

  /**
   * Lists every object of a kind, following `continue` tokens. When a token expires between
   * pages (410: the API server's history no longer reaches the first page's resourceVersion, on
   * a busy cluster or a slow collection) the pages so far are dropped and the kind is listed
   * again in one unpaged request, as client-go's pager does: mixing pages from two moments could
   * show an object twice or not at all.
   */
  async list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): Promise<KubernetesObject[]> {
    return (await this.listWithVersion(apiVersion, kind, namespace)).items;
  }

  /**
   * {@link ClusterConnection.list}, with the list's resourceVersion: where a watch of the kind
   * starts so that it misses no change made after the list.
   */
  async listWithVersion(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): Promise<{ items: KubernetesObject[]; resourceVersion?: string }> {
    const page = (limit?: number, continueToken?: string) =>
      this.objects.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        limit,
        continueToken,
      );
    const items: KubernetesObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      let answer;
      try {
        answer = await page(PAGE_SIZE, continueToken);
      } catch (error) {
        if (continueToken && (error as { code?: number }).code === 410) {
          const whole = await page();
          return {
            items: whole.items,
            resourceVersion: whole.metadata?.resourceVersion,
          };
        }
        throw error;
      }
      items.push(...answer.items);
      // Typed lists name the token `_continue`; custom resources come back as plain JSON.
      const listMeta = answer.metadata as {
        _continue?: string;
        continue?: string;
        resourceVersion?: string;
      };
      continueToken = listMeta?._continue || listMeta?.continue || undefined;
      // Every page of a paged list is served at the first page's resourceVersion.
      resourceVersion ??= listMeta?.resourceVersion;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /**
   * Watches a kind from `resourceVersion` (`/api/v1/...` or `/apis/<group>/<version>/...`
   * by its `plural`), with bookmarks, until the server ends the watch after `timeoutSeconds`,
   * the connection fails or the answer's `stop` is called. Each event goes to `onEvent`;
   * `onEnd` is called once, with the error if it did not end cleanly (an HTTP refusal carries
   * its status as `code`, as list errors do).
   */
  async watch(options: {
    apiVersion: string;
    plural: string;
    namespace?: string;
    resourceVersion: string;
    timeoutSeconds: number;
    onEvent: (type: string, object: KubernetesObject) => void;
    onEnd: (error?: unknown) => void;
  }): Promise<{ stop(): void }> {
    const { apiVersion, plural, namespace } = options;
    const path = `${apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`}${
      namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
    }/${plural}`;
    const controller = await this.watcher.watch(
      path,
      {
        resourceVersion: options.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: options.timeoutSeconds,
      },
      (type, object) => options.onEvent(type, object),
      error => {
        const status = (error as { statusCode?: number } | null)?.statusCode;
        options.onEnd(
          error
            ? Object.assign(error, status ? { code: status } : {})
            : undefined,
        );
      },
    );
    return { stop: () => controller.abort() };
  }

  /** The API server's version, e.g. `v1.34.2`. */
  async version(): Promise<string> {
    const info = await this.versions.getCode();
    return info.gitVersion;
  }

  /**
   * The expiry of the API server's serving certificate, read from the TLS handshake itself
   * (without verification: an expired certificate is exactly what must be reported).
   */
  async servingCertificateNotAfter(): Promise<Date> {
    const url = new URL(this.config.url);
    const ca = await this.ca();
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host: url.hostname,
        port: Number(url.port || 443),
        servername: isIP(url.hostname) ? undefined : url.hostname,
        ca,
        rejectUnauthorized: false,
      });
      socket.setTimeout(this.timeoutMs, () =>
        socket.destroy(
          new Error(`no TLS handshake within ${this.timeoutMs} ms`),
        ),
      );
      socket.once('secureConnect', () => {
        const { valid_to: validTo } = socket.getPeerCertificate();
        socket.end();
        if (validTo) {
          resolve(new Date(validTo));
        } else {
          reject(new Error('the API server presented no certificate'));
        }
      });
      socket.once('error', reject);
    });
  }

  private async ca(): Promise<string | undefined> {
    if (this.config.caData) {
      return Buffer.from(this.config.caData, 'base64').toString('utf8');
    }
    return this.config.caFile
      ? readFile(this.config.caFile, 'utf8')
      : undefined;
  }
}

/**
 * The client-node configuration of one cluster with a token, every request bounded by
 * `timeoutMs`; shared by the read-only collector and the actions' operator connections.
 */
export async function clientConfiguration(
  config: ClusterConnectionConfig,
  timeoutMs: number,
) {
  const k8s = await import('@kubernetes/client-node');
  const kubeConfig = await kubeConfigOf(config);
  return k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(config.url, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [
      {
        pre: async context => {
          context.setSignal(AbortSignal.timeout(timeoutMs));
          return context;
        },
        post: async context => context,
      },
    ],
  });
}

/** One cluster with its token, as a client-node KubeConfig. */
async function kubeConfigOf(
  config: ClusterConnectionConfig,
): Promise<KubeConfig> {
  const k8s = await import('@kubernetes/client-node');
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: config.name,
        server: config.url,
        caData: config.caData,
        caFile: config.caFile,
        skipTLSVerify: config.skipTLSVerify,
      },
    ],
    users: [{ name: config.name, token: config.token }],
    contexts: [{ name: config.name, cluster: config.name, user: config.name }],
    currentContext: config.name,
  });
  return kubeConfig;
}

/** Classifies a failed request: network or TLS trouble, 401, 403, a missing CRD, a broken answer. */
export function describeFailure(error: unknown): ClusterRequestFailure {
  const err = error as {
    name?: string;
    code?: number | string;
    message?: string;
    body?: unknown;
    type?: string;
  };
  if (typeof err?.code === 'number') {
    const status = statusMessage(err.body) ?? `HTTP ${err.code}`;
    if (err.code === 401) return { reason: 'unauthorized', message: status };
    if (err.code === 403) return { reason: 'forbidden', message: status };
    if (err.code === 404) return { reason: 'absent', message: status };
    return { reason: 'failed', message: status };
  }
  if (err?.name === 'AbortError' || err?.type === 'aborted') {
    return { reason: 'unreachable', message: 'no answer within the timeout' };
  }
  const message = String(err?.message ?? error);
  // The cluster answered, but with something that is not JSON: a broken answer, not a network.
  if (err?.name === 'SyntaxError') {
    return { reason: 'failed', message: notJson(message) };
  }
  if (/Unrecognized API version and kind/.test(message)) {
    return { reason: 'absent', message };
  }
  return { reason: 'unreachable', message: withoutRequestUrl(message) };
}

// V8 quotes a piece of the text it could not parse ('Unexpected token..., "..." is not valid
// JSON'); from a Secret listing that piece could be a value, so only where it broke is kept.
function notJson(parserMessage: string): string {
  const position = /at position (\d+)/.exec(parserMessage)?.[1];
  let where = '';
  if (/Unexpected end of JSON input/.test(parserMessage)) {
    where = ' (it ends too early)';
  } else if (position) {
    where = ` (at position ${position})`;
  }
  return `the answer is not valid JSON${where}`;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.slice(0, 300) || undefined;
    }
  }
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' ? message : undefined;
}

// node-fetch messages start with "request to https://... failed, reason:"; the reason is what
// an operator needs, and query strings have no place in a status line.
function withoutRequestUrl(message: string): string {
  const match = message.match(/failed, reason: (.*)$/);
  return match ? match[1] : message;
}
