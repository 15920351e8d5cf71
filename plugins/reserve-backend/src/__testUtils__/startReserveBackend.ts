import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Simulator } from '@kube-reserve/cluster-sim';
import {
  ClusterStatus,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { reservePlugin } from '../plugin';

/**
 * Clusters a test backend reaches: the simulator's, or real control planes
 * (`@kube-reserve/control-planes`), which answer the same.
 */
export interface ClusterTargets {
  /** The CA of every cluster's serving certificate. */
  caPem: string;
  clusters: { name: string; url: string; token(name?: string): string }[];
  cluster(name: string): { token(name?: string): string };
}

/** A running test backend with the reserve plugin and the catalog, reaching clusters. */
export interface ReserveTestBackend<S extends ClusterTargets = Simulator> {
  sim: S;
  /** The backend's HTTP server, for supertest. */
  server: Parameters<typeof request>[0];
  /** GET with a signed-in user's credentials (the default mock user unless named). */
  get(path: string, user?: string): request.Test;
  /** POST a JSON body as a signed-in user (the default mock user unless named). */
  post(path: string, body?: object, user?: string): request.Test;
  /** DELETE as a signed-in user (the default mock user unless named). */
  delete(path: string, user?: string): request.Test;
  /** Waits until the catalog holds this many Components. */
  waitForComponents(count: number): Promise<void>;
  /** Waits until the clusters' summaries (as `GET /clusters` answers them) satisfy the predicate. */
  waitForClusterSummaries(
    what: string,
    predicate: (clusters: ClusterSummary[]) => boolean,
    timeoutMs?: number,
  ): Promise<ClusterSummary[]>;
  /** Waits until every cluster's tested state (see {@link testedState}) matches. */
  waitForClusters(
    predicate: (states: Record<string, string>) => boolean,
  ): Promise<void>;
  /** Stops the backend (never the simulator, which the caller started). */
  stop(): Promise<void>;
}

/**
 * The configuration of a reserve plugin that reaches every cluster of the targets over real
 * HTTPS with its `reserve-reader` token, and writes with its `reserve-operator` token, as
 * app-config.yaml configures the demo.
 */
export function reserveConfig(options: {
  sim: ClusterTargets;
  /** `reserve` config; each of `reserve.clusters` gets its simulated operator token. */
  reserve: { clusters: Record<string, object>; [key: string]: unknown };
  /** `catalog` config: the entities to ingest. */
  catalog?: object;
  /** `backend.database`, e.g. SQLite files that outlive the backend; SQLite in memory if unset. */
  database?: object;
}) {
  const { sim } = options;
  const caData = Buffer.from(sim.caPem).toString('base64');
  return {
    // The notifications backend makes links absolute with it.
    app: { baseUrl: 'http://localhost:3000' },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: sim.clusters.map(cluster => ({
            name: cluster.name,
            url: cluster.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: cluster.token('reserve-reader'),
            caData,
          })),
        },
      ],
    },
    reserve: {
      ...options.reserve,
      clusters: Object.fromEntries(
        Object.entries(options.reserve.clusters).map(([name, facts]) => [
          name,
          {
            ...facts,
            operatorToken: sim.cluster(name).token('reserve-operator'),
          },
        ]),
      ),
    },
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.database ? { backend: { database: options.database } } : {}),
  };
}

/**
 * Starts a Backstage test backend whose reserve plugin reaches every cluster of a running
 * simulator as {@link reserveConfig} configures it.
 */
export async function startReserveBackend<
  S extends ClusterTargets = Simulator,
>(options: {
  sim: S;
  /** `reserve` config; each of `reserve.clusters` gets its simulated operator token. */
  reserve: { clusters: Record<string, object>; [key: string]: unknown };
  /** `catalog` config: the entities to ingest. */
  catalog: object;
  features?: BackendFeature[];
  /** `backend.database`, e.g. SQLite files that outlive the backend; SQLite in memory if unset. */
  database?: object;
}): Promise<ReserveTestBackend<S>> {
  const { sim } = options;
  const backend = await startTestBackend({
    features: [
      reservePlugin,
      // The real scheduler: collection must keep running for faults to show.
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: reserveConfig(options) }),
      import('@backstage/plugin-catalog-backend'),
      // The reserve plugin notifies owners; the demo has the notifications backend too.
      import('@backstage/plugin-notifications-backend'),
      ...(options.features ?? []),
    ],
  });
  const get = (path: string, user?: string) =>
    request(backend.server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(user));

  const waitForClusterSummaries = async (
    what: string,
    predicate: (clusters: ClusterSummary[]) => boolean,
    timeoutMs = 30_000,
  ) => {
    let clusters: ClusterSummary[] = [];
    await waitFor(
      what,
      async () => {
        const res = await get('/api/reserve/clusters');
        clusters = res.body.clusters ?? [];
        return predicate(clusters);
      },
      timeoutMs,
    ).catch(error => {
      const states = clusters.map(c => `${c.name}: ${testedState(c.status)}`);
      throw new Error(`${error.message}; last seen: ${states.join('; ')}`);
    });
    return clusters;
  };

  return {
    sim,
    server: backend.server,
    get,
    post: (path, body, user) =>
      request(backend.server)
        .post(path)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body ?? {}),
    delete: (path, user) =>
      request(backend.server)
        .delete(path)
        .set('Authorization', mockCredentials.user.header(user)),
    async waitForComponents(count) {
      await waitFor(`${count} components in the catalog`, async () => {
        const res = await get(
          `/api/catalog/entities/by-query?filter=kind=component&limit=${
            count + 1
          }`,
        );
        return res.body.items?.length === count;
      });
    },
    waitForClusterSummaries,
    async waitForClusters(predicate) {
      await waitForClusterSummaries('the expected cluster states', clusters =>
        predicate(
          Object.fromEntries(
            clusters.map(c => [c.name, testedState(c.status)]),
          ),
        ),
      );
    },
    stop: () => backend.stop(),
  };
}

/**
 * A cluster's state as the tests wait for it: `ok` only once every kind has been listed, so
 * a kind whose first listing timed out on a loaded machine does not leave checks unknown.
 */
export function testedState(status: ClusterStatus): string {
  const failed = Object.entries(status.kinds)
    .filter(([, kind]) => kind.state === 'failed')
    .map(([resource]) => resource);
  return status.state === 'ok' && failed.length > 0
    ? `ok but ${failed.join(', ')} failed`
    : status.state;
}

/** Polls a condition every 100 ms until it holds, or throws naming what it waited for. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
