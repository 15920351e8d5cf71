import { resolve } from 'node:path';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Simulator, startSimulator } from '@kube-reserve/cluster-sim';
import {
  ClusterStatus,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { reservePlugin } from '../plugin';
import { demoCatalogConfig, examplesDir } from './demoCatalog';

/** The demo's cluster facts and default pair, as in app-config.yaml. */
export const demoReserveConfig = {
  clusters: {
    'prod-fra': {
      role: 'primary',
      site: 'fra1',
      provider: 'hetzner',
      region: 'eu-central',
    },
    'reserve-ams': {
      role: 'reserve',
      site: 'ams3',
      provider: 'digitalocean',
      region: 'eu-west',
    },
    'reserve-fra-b': {
      role: 'reserve',
      site: 'fra1',
      provider: 'hetzner',
      region: 'eu-central',
    },
  },
  pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
  // Loose enough that a loaded CI machine (two CPUs, several test workers) neither sees a
  // snapshot go stale between two collections nor a listing time out; the fault tests pass a
  // faster cadence of their own.
  refresh: { frequency: { seconds: 5 }, timeout: { seconds: 4 } },
};

/** The cadence of tests that switch faults on and off and wait for collections to see them. */
export const fastRefresh = {
  frequency: { seconds: 2 },
  timeout: { milliseconds: 1500 },
};

/** A running demo: the simulated clusters and a test backend with the reserve plugin. */
export interface DemoBackend {
  sim: Simulator;
  /** The backend's HTTP server, for supertest. */
  server: Parameters<typeof request>[0];
  /** GET with a signed-in user's credentials. */
  get(path: string): request.Test;
  /** POST a JSON body as a signed-in user (the default mock user unless named). */
  post(path: string, body?: object, user?: string): request.Test;
  /** Waits until the catalog holds the demo's entities. */
  waitForCatalog(): Promise<void>;
  /** Waits until every cluster's snapshot matches, e.g. all `ok`. */
  waitForClusters(
    predicate: (states: Record<string, string>) => boolean,
  ): Promise<void>;
  /** Stops the backend, and the simulator unless it was given. */
  stop(): Promise<void>;
}

/** Starts the demo clusters (examples/clusters) on free ports. */
export function startDemoClusters(): Promise<Simulator> {
  return startSimulator({
    fixturesDir: resolve(examplesDir, 'clusters'),
    ports: 'free',
    pace: 100,
  });
}

/**
 * Starts the demo clusters (examples/clusters) on free ports and a Backstage test backend
 * whose reserve plugin reaches them over real HTTPS with the read-only tokens.
 */
export async function startDemoBackend(options?: {
  features?: BackendFeature[];
  reserve?: object;
  /** Demo clusters already running (see startDemoClusters), which stop() then leaves running. */
  sim?: Simulator;
  /** `backend.database`, e.g. SQLite files that outlive the backend; SQLite in memory if unset. */
  database?: object;
}): Promise<DemoBackend> {
  const sim = options?.sim ?? (await startDemoClusters());
  const caData = Buffer.from(sim.caPem).toString('base64');
  const config = {
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
      ...demoReserveConfig,
      // The actions write with each cluster's operator token, as app-config.yaml configures.
      clusters: Object.fromEntries(
        Object.entries(demoReserveConfig.clusters).map(([name, facts]) => [
          name,
          {
            ...facts,
            operatorToken: sim.cluster(name).token('reserve-operator'),
          },
        ]),
      ),
      ...options?.reserve,
    },
    catalog: demoCatalogConfig,
    ...(options?.database ? { backend: { database: options.database } } : {}),
  };
  const backend = await startTestBackend({
    features: [
      reservePlugin,
      // The real scheduler: collection must keep running for faults to show.
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: config }),
      import('@backstage/plugin-catalog-backend'),
      ...(options?.features ?? []),
    ],
  });
  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());

  return {
    sim,
    server: backend.server,
    get,
    post: (path, body, user) =>
      request(backend.server)
        .post(path)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body ?? {}),
    async waitForCatalog() {
      await waitFor('the demo catalog', async () => {
        const res = await get(
          '/api/catalog/entities/by-query?filter=kind=component&limit=20',
        );
        return res.body.items?.length === 10;
      });
    },
    async waitForClusters(predicate) {
      let states: Record<string, string> = {};
      await waitFor('the expected cluster states', async () => {
        const res = await get('/api/reserve/clusters');
        states = Object.fromEntries(
          (res.body.clusters ?? []).map((c: ClusterSummary) => [
            c.name,
            testedState(c.status),
          ]),
        );
        return predicate(states);
      }).catch(error => {
        throw new Error(
          `${error.message}; last seen: ${JSON.stringify(states)}`,
        );
      });
    },
    async stop() {
      await backend.stop();
      if (!options?.sim) await sim.stop();
    },
  };
}

/**
 * A cluster's state as the tests wait for it: `ok` only once every kind has been listed, so
 * a kind whose first listing timed out on a loaded machine does not leave checks unknown.
 */
function testedState(status: ClusterStatus): string {
  const failed = Object.entries(status.kinds)
    .filter(([, kind]) => kind.state === 'failed')
    .map(([resource]) => resource);
  return status.state === 'ok' && failed.length > 0
    ? `ok but ${failed.join(', ')} failed`
    : status.state;
}

async function waitFor(what: string, condition: () => Promise<boolean>) {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
