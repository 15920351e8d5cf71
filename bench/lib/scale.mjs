// `yarn bench --scale`: the cost table of DESIGN.md §9. The simulator at points on one line, 10
// clusters × 1,000 / 5,000 / 10,000 workloads each × 500 / 2,500 / 5,000 entities (fixtures.mjs
// layoutOf: two groups of five clusters, each group running half the services on all five), the
// built backend started afresh for each point, and per point: the time to the first full
// collection, the cluster requests of a steady refresh cycle, RSS and V8 heap after a forced full
// garbage collection, readiness and ownership latencies, and the keeper's pass over all entities.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  guestToken,
  memoryOf,
  startBackend,
  writeBackendConfig,
} from './backend.mjs';
import { BackendClient } from './client.mjs';
import {
  clusterStatuses,
  countFirstCycle,
  countRefreshCycle,
  everyKindListed,
  unlistedKinds,
} from './cycles.mjs';
import { BIG_GROUP, layoutOf } from './fixtures.mjs';
import { collectGarbage, profileCpu } from './inspector.mjs';
import { awaitReady, measureOwnership, measureReadiness } from './phases.mjs';
import { startSimulatedClusters } from './simulator.mjs';

/** The points of the cost table: clusters, workloads per cluster, entities. */
export const SCALE_POINTS = [
  { clusters: 10, workloads: 1_000, entities: 500 },
  { clusters: 10, workloads: 5_000, entities: 2_500 },
  { clusters: 10, workloads: 10_000, entities: 5_000 },
];

const RESERVE = '/plugins/reserve-backend/';
const KEEPER_FRAMES = new Set(['keep', 'reportsFor']);

/**
 * The keeper's passes in a CPU profile of the idle backend: the samples whose stack holds the
 * ReadinessKeeper's `keep` or ReadinessService's `reportsFor` (nothing else asks for reports
 * while the benchmark sends no request), grouped into passes by gaps of more than a second.
 * Answers each pass's wall time (first to last sample) and CPU time, in ms.
 */
export function keeperPasses(profile) {
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const inKeeper = new Map();
  const isKeeper = id => {
    if (inKeeper.has(id)) return inKeeper.get(id);
    const { callFrame } = byId.get(id);
    const parent = parentOf.get(id);
    const answer =
      (callFrame.url.includes(RESERVE) &&
        KEEPER_FRAMES.has(callFrame.functionName)) ||
      (parent !== undefined && isKeeper(parent));
    inKeeper.set(id, answer);
    return answer;
  };
  const passes = [];
  let current;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (!isKeeper(id)) return;
    const cpuUs = profile.timeDeltas[i + 1] ?? 0;
    if (!current || at - current.lastUs > 1_000_000) {
      current = { firstUs: at, lastUs: at, cpuUs: 0 };
      passes.push(current);
    }
    current.lastUs = at;
    current.cpuUs += cpuUs;
  });
  return passes.map(p => ({
    wallMs: (p.lastUs - p.firstUs) / 1000,
    cpuMs: p.cpuUs / 1000,
  }));
}

/**
 * One point of the cost table: the simulated clusters of `point`, the built backend with its
 * entities, the measurements, everything stopped again. Failures are answered, not thrown, so
 * that the table says which point failed and why.
 */
async function measurePoint({
  point,
  entry,
  workDir,
  freePort,
  addCleanup,
  removeCleanup,
  progress,
  settings,
}) {
  const { clusters, entities } = point;
  const layout = layoutOf({ clusters, services: entities });
  const periodMs = settings.refresh.frequencySeconds * 1000;
  const label = `${clusters} × ${point.workloads} × ${entities}`;
  const result = { ...point, steps: [] };
  const step = message => {
    result.steps.push(message);
    progress(`[${label}] ${message}`);
  };
  let sim;
  let backend;
  const stop = async () => {
    await backend?.stop();
    await sim?.stop();
  };
  addCleanup(stop);
  const logFile = join(workDir, `backend-scale-${entities}.log`);
  try {
    step(
      `starting ${clusters} simulated clusters × ${point.workloads} workloads`,
    );
    let started = Date.now();
    sim = await startSimulatedClusters({
      latencyMs: settings.latencyMs,
      pace: settings.pace,
      layout: { clusters, services: entities },
      heapMb: 16_000,
    });
    result.simulatorStartS = (Date.now() - started) / 1000;
    const objects = await sim.objectCounts([
      'deployments',
      'statefulsets',
      'cronjobs',
    ]);
    result.workloadsSeen = Object.values(objects).map(
      o => o.deployments + o.statefulsets + o.cronjobs,
    );

    const port = await freePort();
    const configFile = writeBackendConfig({
      dir: workDir,
      port,
      sim,
      entityCount: entities,
      refresh: settings.refresh,
      name: `scale-${entities}`,
      layout,
    });
    await sim.resetRequestCounts();
    step(`starting the backend with ${entities} entities`);
    started = Date.now();
    backend = await startBackend({ configFile, port, logFile, entry });
    const client = new BackendClient(
      backend.url,
      await guestToken(backend.url),
    );
    step('waiting for the first collection of every cluster');
    const firstCycle = await countFirstCycle({
      client,
      sim,
      timeoutMs: 15 * 60_000,
    });
    result.firstCollectionS = (Date.now() - started) / 1000;
    result.firstCycle = firstCycle;
    if (!firstCycle.everyKindListed) {
      // The first collection failed to list a kind: the time to a full one is when all are.
      const unlisted = unlistedKinds(await clusterStatuses(client));
      result.firstCycle.unlisted = unlisted;
      step(
        `first collection after ${result.firstCollectionS.toFixed(
          1,
        )} s, not full: ${unlisted.length} kinds not listed (${unlisted
          .slice(0, 3)
          .join('; ')}${unlisted.length > 3 ? '; ...' : ''})`,
      );
      const deadline = Date.now() + 10 * 60_000;
      for (;;) {
        const statuses = await clusterStatuses(client);
        if (everyKindListed(statuses)) break;
        if (Date.now() > deadline) {
          const left = unlistedKinds(statuses);
          throw new Error(
            `no full collection of every cluster within 10 min after the first: ${
              left.length
            } kinds still not listed (${left.slice(0, 4).join('; ')}${
              left.length > 4 ? '; ...' : ''
            })`,
          );
        }
        await new Promise(done => setTimeout(done, 500));
      }
      result.fullCollectionS = (Date.now() - started) / 1000;
    }
    step(
      `full collection after ${(
        result.fullCollectionS ?? result.firstCollectionS
      ).toFixed(1)} s; waiting for the catalog's ${entities} entities`,
    );
    await awaitReady({
      client,
      entityCount: entities,
      timeoutMs: 20 * 60_000,
    });
    result.readyS = (Date.now() - started) / 1000;
    result.memoryReady = memoryOf(backend.pid);
    // How busy the simulator keeps itself (its controllers read every workload each round)
    // while the backend is measured: its CPU time over the measurements, per second.
    const simCpu = { from: cpuSeconds(sim.pid), at: Date.now() };

    const collect = () =>
      collectGarbage({ pid: backend.pid, logFile: backend.logFile });
    step(
      'counting the cluster requests of a steady refresh cycle, measuring readiness meanwhile',
    );
    // A report judged once before the measured run, as the keeper has judged them all by now.
    await client.readiness('svc-001');
    await collect();
    const [steadyCycle, readiness] = await Promise.all([
      countRefreshCycle({ client, sim, periodMs }).catch(error => ({
        error: error.message,
        counts: {},
      })),
      measureReadiness({
        client,
        entityCount: entities,
        samples: settings.samples,
        budgetMs: 60_000,
        concurrency: 0,
      }),
    ]);
    result.steadyCycle = steadyCycle;
    result.readiness = readiness.sequential;
    await collect();
    step(`measuring the ownership view of ${BIG_GROUP}`);
    result.ownership = await measureOwnership({
      client,
      samples: settings.samples,
      budgetMs: 40_000,
    });
    step(
      "profiling the idle backend for 20 s to time the keeper's passes over every entity",
    );
    const profile = await profileCpu({
      pid: backend.pid,
      logFile: backend.logFile,
      seconds: 20,
    });
    result.keeper = keeperPasses(profile);
    result.simulatorCpu =
      (cpuSeconds(sim.pid) - simCpu.from) / ((Date.now() - simCpu.at) / 1000);
    step('forcing a full garbage collection');
    const heap = await collect();
    result.memory = { ...memoryOf(backend.pid), ...heap };
    step(
      `RSS ${Math.round(result.memory.rssMb)} MB, V8 heap ${Math.round(
        heap.heapUsedMb,
      )} MB after a full collection`,
    );
  } catch (error) {
    result.error = error.message;
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const crash = log.match(
      /(FATAL ERROR|JavaScript heap out of memory|Allocation failed)[^\n]*/,
    );
    if (crash) result.error += ` (backend log: ${crash[0]})`;
    progress(`[${label}] failed: ${result.error}`);
    console.error(`[bench] the backend's last log lines (${logFile}):`);
    console.error(log.trim().split('\n').slice(-15).join('\n'));
  } finally {
    if (backend) result.peakRssMb = safePeak(backend.pid);
    await stop();
    removeCleanup(stop);
  }
  return result;
}

// A process's CPU time so far (user and system), in seconds, from /proc/<pid>/stat.
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function safePeak(pid) {
  try {
    return memoryOf(pid).peakRssMb;
  } catch {
    return undefined;
  }
}

/**
 * The cost table: each point in turn, smallest first; a point that fails is reported and the
 * larger ones are skipped (they would fail the same way, only later).
 */
export async function runScale({ points = SCALE_POINTS, ...context }) {
  const results = [];
  for (const point of points) {
    const result = await measurePoint({ point, ...context });
    results.push(result);
    if (result.error) {
      for (const skipped of points.slice(points.indexOf(point) + 1)) {
        results.push({
          ...skipped,
          error: `not run: the ${point.entities}-entity point failed`,
        });
      }
      break;
    }
  }
  return results;
}
