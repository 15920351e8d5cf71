#!/usr/bin/env node
// `yarn bench`: the targets of DESIGN.md §9, measured side by side against the same simulated
// clusters. Starts the clusters (3 × 2,000 workloads, 20 ms API latency), then the demo backend
// twice: with 100 catalog entities (refresh cost, memory), then with 500 (everything, and last a
// minute of load). Prints a table of targets, met or not, and writes it to bench/results/. It
// measures; it never fails because a target is missed (only when it cannot measure).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildBackend,
  guestToken,
  memoryOf,
  startBackend,
  writeBackendConfig,
} from './lib/backend.mjs';
import { BackendClient } from './lib/client.mjs';
import { collectGarbage } from './lib/inspector.mjs';
import { countFirstCycle, countRefreshCycle } from './lib/cycles.mjs';
import { SERVICE_COUNT } from './lib/fixtures.mjs';
import { measureFreshness } from './lib/freshness.mjs';
import { measureHangingCluster } from './lib/hangingCluster.mjs';
import { measureInstances } from './lib/instances.mjs';
import {
  REAL_SERVICES,
  measureRealClusters,
  realClustersAvailability,
} from './lib/realClusters.mjs';
import { SCALE_POINTS, runScale } from './lib/scale.mjs';
import { runLoad, settledMemory } from './lib/load.mjs';
import {
  kubernetesRequestsPerCall,
  measureDirectClusterRequests,
  measureKubernetesPlugin,
} from './lib/kubernetesPlugin.mjs';
import {
  awaitReady,
  catalogComponents,
  measureOwnership,
  measureReadiness,
  measureReadinessParts,
  warmUp,
} from './lib/phases.mjs';
import { summarizeProfiles } from './lib/profiles.mjs';
import {
  scaleTextReport,
  textReport,
  writeReports,
  writeScaleReports,
} from './lib/report.mjs';
import { startSimulatedClusters } from './lib/simulator.mjs';

const benchDir = resolve(fileURLToPath(import.meta.url), '..');
const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    samples: { type: 'string', default: '200' },
    frequency: { type: 'string', default: '30' },
    timeout: { type: 'string', default: '5' },
    'simulator-pace': { type: 'string', default: '5000' },
    profile: { type: 'boolean', default: false },
    'load-seconds': { type: 'string', default: '60' },
    'load-connections': { type: 'string', default: '16' },
    'from-source': { type: 'boolean', default: false },
    instances: { type: 'string', default: '2' },
    real: { type: 'boolean' },
    'real-services': { type: 'string', default: String(REAL_SERVICES) },
    scale: { type: 'boolean', default: false },
    'scale-points': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`yarn bench [--samples 200] [--frequency 30] [--timeout 5] [--profile]
           [--load-seconds 60] [--load-connections 16] [--from-source]
           [--instances 2] [--real | --no-real] [--real-services ${REAL_SERVICES}]
yarn bench --scale [--scale-points 500,2500,5000] [--samples 200] [--timeout 5]
           [--simulator-pace 5000]

  --samples           requests per measured run (each run also stops after its time budget)
  --frequency         reserve.refresh.frequency in seconds
  --timeout           reserve.refresh.timeout in seconds (one cluster request's limit)
  --simulator-pace    how often the simulator's controllers run, in ms (each round reads
                      every workload of every cluster: at 10 × 10,000 workloads a round
                      costs seconds of the simulator's CPU)
  --profile           also record CPU and heap profiles of the backend with 500 entities and
                      print where its time and memory go (profiling slows it: figures are not
                      comparable)
  --load-seconds      how long the load (readiness, runbooks and ownership mixed) lasts; 0 skips it
  --load-connections  how many clients send the load at once
  --instances         then that many backend instances on one PostgreSQL (Debian's
                      postgresql, started for the run): cluster requests, readiness on each;
                      0 skips it
  --from-source       run the backend from its TypeScript source, as \`yarn start\` does,
                      instead of built as it is deployed (the default)
  --real, --no-real   last, the same backend against real control planes (etcd, kube-apiserver,
                      controller manager, scheduler; KWOK runs the pods): 3 clusters ×
                      --real-services services. On by default when KUBE_BINARIES_DIR points at
                      binaries built by scripts/build-kube-binaries.sh, off otherwise (--real
                      looks for them without it)
  --scale             instead of the above, the cost table: the simulator at 10 clusters ×
                      1,000 / 5,000 / 10,000 workloads each × 500 / 2,500 / 5,000 entities, the
                      built backend afresh at each point (long: half an hour or more);
                      --scale-points picks the points by their entity counts`);
  process.exit(0);
}

const settings = {
  clusters: 3,
  workloadsPerCluster: SERVICE_COUNT * 4,
  entities: SERVICE_COUNT,
  smallEntities: 100,
  latencyMs: 20,
  pace: Number(args['simulator-pace']),
  samples: Number(args.samples),
  refresh: {
    frequencySeconds: Number(args.frequency),
    timeoutSeconds: Number(args.timeout),
  },
  load: {
    seconds: Number(args['load-seconds']),
    connections: Number(args['load-connections']),
  },
};
const periodMs = settings.refresh.frequencySeconds * 1000;
const budgetMs = 60_000;
const started = Date.now();
const loadStart = loadavg()[0];

/** What a phase that starts its own clusters and backend needs of the run. */
function phaseContext(entry, workDir) {
  return {
    entry,
    workDir,
    freePort,
    addCleanup: cleanup => cleanups.push(cleanup),
    removeCleanup: cleanup => cleanups.splice(cleanups.indexOf(cleanup), 1),
    progress,
    settings,
  };
}

/** The machine and the run so far, for the results. */
function machineNow() {
  return {
    cpus: cpus().length,
    node: process.version,
    loadStart,
    loadEnd: loadavg()[0],
    runSeconds: (Date.now() - started) / 1000,
  };
}

function progress(message) {
  const seconds = Math.round((Date.now() - started) / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(
    2,
    '0',
  )}`;
  console.log(`[bench ${clock}] ${message}`);
}

// Everything started is stopped on the way out: on success, on failure and on Ctrl-C.
const cleanups = [];
let cleaning;
function cleanUp() {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(error => console.error(`[bench] ${error.message}`));
    }
  })();
  return cleaning;
}
process.on('unhandledRejection', error => {
  console.error(`[bench] ${error?.stack ?? error}`);
  cleanUp().finally(() => process.exit(1));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping what the benchmark started`);
    cleanUp().finally(() => process.exit(130));
  });
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts the backend with `entityCount` entities, runs `measure` against it, then stops it. */
async function withBackend(
  { workDir, sim, entityCount, nodeArgs, entry },
  measure,
) {
  const port = await freePort();
  const logFile = join(workDir, `backend-${entityCount}.log`);
  const configFile = writeBackendConfig({
    dir: workDir,
    port,
    sim,
    entityCount,
    refresh: settings.refresh,
  });
  // Counted from before start-up, so that the first collection cycle is counted whole.
  await sim.resetRequestCounts();
  progress(`starting the backend with ${entityCount} entities`);
  let backend;
  const stop = async () => backend?.stop();
  cleanups.push(stop);
  try {
    backend = await startBackend({
      configFile,
      port,
      logFile,
      nodeArgs,
      entry,
    });
    const client = new BackendClient(
      backend.url,
      await guestToken(backend.url),
    );
    const firstCycle = await countFirstCycle({
      client,
      sim,
      timeoutMs: 60_000,
    });
    await awaitReady({ client, entityCount, timeoutMs: 180_000 });
    progress(`catalog ingested and every cluster collected`);
    return await measure({ client, backend, firstCycle });
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    console.error(`[bench] the backend's last log lines (${logFile}):`);
    console.error(log.trim().split('\n').slice(-30).join('\n'));
    throw error;
  } finally {
    await stop();
    cleanups.splice(cleanups.indexOf(stop), 1);
  }
}

async function smallCatalogRun(context) {
  const entityCount = settings.smallEntities;
  return withBackend(
    { ...context, entityCount },
    async ({ client, backend, firstCycle }) => {
      const memory = memoryOf(backend.pid);
      progress(
        'counting the requests of a refresh cycle, measuring readiness meanwhile',
      );
      const [steadyCycle, readiness] = await Promise.all([
        countRefreshCycle({ client, sim: context.sim, periodMs }),
        measureReadiness({
          client,
          entityCount,
          samples: settings.samples,
          budgetMs,
          concurrency: 0,
        }),
      ]);
      return {
        entities: entityCount,
        firstCycle,
        steadyCycle,
        readiness: readiness.sequential,
        memory,
      };
    },
  );
}

async function fullCatalogRun(context) {
  const { sim } = context;
  const entityCount = settings.entities;
  const { samples } = settings;
  return withBackend(
    { ...context, entityCount },
    async ({ client, backend, firstCycle }) => {
      const memory = { ready: memoryOf(backend.pid) };
      const entities = await catalogComponents(client);
      const marks = {};
      const mark = async (name, phase) => {
        const from = process.hrtime.bigint();
        const result = await phase();
        marks[name] = { from, to: process.hrtime.bigint() };
        return result;
      };
      progress('warming up');
      await warmUp({ client, entities, entityCount });
      // Before each latency measurement a full collection, so that none pays for the garbage
      // the one before it left (the Kubernetes plugin's answers, then readiness's).
      const collect = () =>
        collectGarbage({ pid: backend.pid, logFile: backend.logFile });

      await collect();
      progress('measuring the Kubernetes plugin');
      const kubernetes = await mark('kubernetes', () =>
        measureKubernetesPlugin({
          client,
          entities,
          entityCount,
          samples,
          budgetMs,
        }),
      );
      kubernetes.requestsPerCall = await kubernetesRequestsPerCall({
        client,
        sim,
        entities,
        entityCount,
      });
      kubernetes.direct = await measureDirectClusterRequests({
        sim,
        entityCount,
        samples: 50,
      });

      // From here until the cycle is counted nothing but the collector may call the clusters
      // (the ownership view, the heaviest request, comes later: the collector shares the CPU).
      await collect();
      progress('measuring readiness; counting a refresh cycle meanwhile');
      const cycle = countRefreshCycle({ client, sim, periodMs }).catch(
        error => ({
          error: error.message,
          counts: {},
        }),
      );
      const readiness = await mark('readiness', () =>
        measureReadiness({ client, entityCount, samples, budgetMs }),
      );
      const parts = await measureReadinessParts({
        client,
        entityCount,
        samples: 50,
      });
      const steadyCycle = await cycle;

      progress('making a reserve hang until Kube Reserve gives up on it');
      const hang = await measureHangingCluster({
        client,
        sim,
        entities,
        entityCount,
        periodMs,
        timeoutMs: settings.refresh.timeoutSeconds * 1000,
      });
      await collect();
      progress('measuring the ownership view');
      const ownership = await mark('ownership', () =>
        measureOwnership({ client, samples, budgetMs: 40_000 }),
      );
      progress(
        'measuring freshness: a change on a cluster until the report shows it',
      );
      const freshness = await mark('freshness', () =>
        measureFreshness({ client, sim }),
      );
      memory.end = memoryOf(backend.pid);

      // Last, as it leaves the most garbage behind. The backend's memory is read before and
      // after it once a forced full collection has removed the garbage of the moment.
      let load;
      if (settings.load.seconds > 0) {
        const { seconds, connections } = settings.load;
        progress('forcing a full garbage collection in the backend');
        const before = await settledMemory({ client, backend, periodMs });
        progress(
          `load: ${connections} connections for ${seconds} s, readiness, runbooks and ownership mixed`,
        );
        const measured = await mark('load', () =>
          runLoad({ client, entityCount, connections, seconds, progress }),
        );
        progress('forcing a full garbage collection in the backend again');
        const after = await settledMemory({ client, backend, periodMs });
        load = { ...measured, memory: { before, after } };
      }
      return {
        firstCycle,
        steadyCycle,
        kubernetes,
        readiness,
        ownership,
        parts,
        hang,
        freshness,
        memory,
        load,
        marks,
      };
    },
  );
}

// `--scale`: the cost table, on its own.
async function scaleMain(workDir, resultsDir) {
  const wanted = args['scale-points']?.split(',').map(Number);
  const points = wanted
    ? SCALE_POINTS.filter(p => wanted.includes(p.entities))
    : SCALE_POINTS;
  if (points.length === 0) {
    throw new Error(
      `--scale-points: none of ${
        args['scale-points']
      } is a point (${SCALE_POINTS.map(p => p.entities).join(', ')})`,
    );
  }
  progress(
    `the cost table at ${points
      .map(p => `${p.clusters} × ${p.workloads} × ${p.entities}`)
      .join(', ')} (clusters × workloads per cluster × entities)`,
  );
  let entry;
  if (!args['from-source']) {
    progress(
      'building the backend as it is deployed (backstage-cli package build)',
    );
    entry = buildBackend({ logFile: join(workDir, 'build.log') });
  }
  const scale = await runScale({ points, ...phaseContext(entry, workDir) });
  const results = {
    startedAt: new Date(started).toISOString(),
    settings: { ...settings, backend: entry ? 'built' : 'from source' },
    machine: machineNow(),
    scale,
  };
  console.log(scaleTextReport(results));
  const file = writeScaleReports(resultsDir, results);
  progress(`written to ${file}`);
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'kube-reserve-bench-'));
  cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  const resultsDir = join(benchDir, 'results');
  if (args.scale) {
    await scaleMain(workDir, resultsDir);
    return;
  }
  const real = realClustersAvailability(args.real);
  progress(
    `real control planes: ${real.enabled ? 'on' : 'off'} (${real.reason})`,
  );
  const profileDir = join(resultsDir, 'profiles');
  if (args.profile) rmSync(profileDir, { recursive: true, force: true });

  progress(
    `starting ${settings.clusters} simulated clusters × ${settings.workloadsPerCluster} workloads`,
  );
  const sim = await startSimulatedClusters(settings);
  cleanups.push(() => sim.stop());
  let entry;
  if (!args['from-source']) {
    progress(
      'building the backend as it is deployed (backstage-cli package build)',
    );
    entry = buildBackend({ logFile: join(workDir, 'build.log') });
  }

  const small = await smallCatalogRun({ workDir, sim, entry });
  const full = await fullCatalogRun({
    workDir,
    sim,
    entry,
    nodeArgs: args.profile
      ? [
          '--trace-gc',
          '--cpu-prof',
          '--heap-prof',
          `--cpu-prof-dir=${profileDir}`,
          `--heap-prof-dir=${profileDir}`,
        ]
      : [],
  });
  const instanceCount = Number(args.instances);
  const instances =
    instanceCount > 0
      ? await measureInstances({
          count: instanceCount,
          sim,
          workDir,
          entry,
          entityCount: settings.entities,
          refresh: settings.refresh,
          samples: 100,
          freePort,
          addCleanup: cleanup => cleanups.push(cleanup),
          progress,
        })
      : undefined;
  let realResults;
  if (real.enabled) {
    // The simulator is done with: its clusters' controllers would share the CPUs.
    await sim.stop();
    progress(
      `real control planes: 3 clusters × ${args['real-services']} services, their pods run by KWOK (start-up takes minutes)`,
    );
    realResults = await measureRealClusters({
      ...phaseContext(entry, workDir),
      services: Number(args['real-services']),
    });
  }
  const { marks, ...fullResults } = full;
  const results = {
    startedAt: new Date(started).toISOString(),
    settings: { ...settings, backend: entry ? 'built' : 'from source' },
    profiled: args.profile,
    machine: machineNow(),
    small,
    full: fullResults,
    ...(instances ? { instances } : {}),
    real: realResults ?? { skipped: real.reason },
  };
  console.log(textReport(results));
  if (args.profile) {
    console.log(
      summarizeProfiles(
        profileDir,
        marks,
        join(workDir, `backend-${settings.entities}.log`),
      ),
    );
    console.log('(profiled run: the figures above are slowed by profiling)');
  }
  const file = writeReports(resultsDir, results);
  progress(`written to ${file}`);
}

try {
  await main();
} catch (error) {
  console.error(`[bench] could not measure: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
