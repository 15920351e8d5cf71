/** How many API requests a simulated cluster has received since it started or was reset. */
export interface RequestCounts {
  /** Every request that arrived, whatever its answer (a hung request counts when it arrives). */
  total: number;
  /** By the name of the token that made them; requests without a known token count as `anonymous`. */
  byToken: Record<string, number>;
}

// The name requests without a token of the cluster are counted under.
const ANONYMOUS = 'anonymous';

/**
 * Counts the HTTP requests one simulated cluster receives, so that a client's cost (say, one
 * collection cycle) can be measured where a real cluster would feel it: at the API server.
 */
export class RequestCounter {
  private readonly byToken = new Map<string, number>();

  /** Counts one request made with the named token (undefined: no known token). */
  record(tokenName: string | undefined): void {
    const name = tokenName ?? ANONYMOUS;
    this.byToken.set(name, (this.byToken.get(name) ?? 0) + 1);
  }

  /** The requests counted so far. */
  counts(): RequestCounts {
    const byToken = Object.fromEntries(this.byToken);
    const total = Object.values(byToken).reduce((sum, n) => sum + n, 0);
    return { total, byToken };
  }

  /** Starts counting from zero again. */
  reset(): void {
    this.byToken.clear();
  }
}
