/** How many API requests a simulated cluster has received since it started or was reset. */
export interface RequestCounts {
  /** Every request that arrived, whatever its answer (a hung request counts when it arrives). */
  total: number;
  /** By the name of the token that made them; requests without a known token count as `anonymous`. */
  byToken: Record<string, number>;
}

/** A request as it arrives at a simulated cluster, before the cluster handles it. */
export interface ArrivedRequest {
  /** The HTTP method: GET, PATCH, POST... */
  method: string;
  /** The path with its query, e.g. `/apis/apps/v1/namespaces/shop/deployments/web`. */
  path: string;
  /** The name of the token that made it; `anonymous` without a known token. */
  token: string;
}

// The name requests without a token of the cluster are counted under.
const ANONYMOUS = 'anonymous';

/**
 * Counts the HTTP requests one simulated cluster receives, so that a client's cost (say, one
 * collection cycle) can be measured where a real cluster would feel it: at the API server.
 * Observers see each request as it arrives, so that a test can count writes per object or act
 * at the moment a client's request reaches the cluster.
 */
export class RequestCounter {
  private readonly byToken = new Map<string, number>();
  private readonly observers = new Set<(request: ArrivedRequest) => void>();

  /** Counts one request (token undefined: no known token) and tells the observers. */
  record(request: {
    method: string;
    path: string;
    token: string | undefined;
  }): void {
    const arrived = { ...request, token: request.token ?? ANONYMOUS };
    this.byToken.set(arrived.token, (this.byToken.get(arrived.token) ?? 0) + 1);
    for (const observer of [...this.observers]) observer(arrived);
  }

  /** Calls the observer as each future request arrives; answers the function that stops it. */
  observe(observer: (request: ArrivedRequest) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The requests counted so far. */
  counts(): RequestCounts {
    const byToken = Object.fromEntries(this.byToken);
    const total = Object.values(byToken).reduce((sum, n) => sum + n, 0);
    return { total, byToken };
  }

  /** Starts counting from zero again (observers stay). */
  reset(): void {
    this.byToken.clear();
  }
}
