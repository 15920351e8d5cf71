import { resolve } from 'node:path';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { Simulator, startSimulator } from '@kube-reserve/cluster-sim';
import { demoCatalogConfig, examplesDir } from './demoCatalog';
import { ReserveTestBackend, startReserveBackend } from './startReserveBackend';

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

/**
 * The cadence of tests that switch faults on and off and wait for collections to see them.
 * They list every kind every cycle: the simulator's malformed answers are answers to lists,
 * which a watched kind meets only when it is listed again (ClusterSnapshots.watch.test covers
 * faults met by watching collectors).
 */
export const fastRefresh = {
  frequency: { seconds: 2 },
  timeout: { milliseconds: 1500 },
  watch: false,
};

/** A running demo: the simulated clusters and a test backend with the reserve plugin. */
export interface DemoBackend extends ReserveTestBackend {
  /** Waits until the catalog holds the demo's entities. */
  waitForCatalog(): Promise<void>;
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
  const backend = await startReserveBackend({
    sim,
    reserve: { ...demoReserveConfig, ...options?.reserve },
    catalog: demoCatalogConfig,
    features: options?.features,
    database: options?.database,
  }).catch(async error => {
    if (!options?.sim) await sim.stop();
    throw error;
  });
  return {
    ...backend,
    waitForCatalog: () => backend.waitForComponents(10),
    async stop() {
      await backend.stop();
      if (!options?.sim) await sim.stop();
    },
  };
}
