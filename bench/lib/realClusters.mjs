// The benchmark against real control planes with KWOK pods (packages/control-planes): three
// clusters (prod-fra, reserve-ams, reserve-waw) running the first services of the simulator's
// fixtures, their pods run by KWOK; the built backend pointed at them; readiness against the
// authenticated no-op route and the Kubernetes plugin, the cluster requests of a refresh cycle
// counted at the API servers (their audit logs), freshness through the real API server, and the
// backend's memory. realClustersHost.mjs runs the control planes in a process of their own.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  guestToken,
  memoryOf,
  startBackend,
  writeBackendConfig,
} from './backend.mjs';
import { BackendClient } from './client.mjs';
import { countFirstCycle, countRefreshCycle } from './cycles.mjs';
import { forkHost } from './childHost.mjs';
import { layoutOf } from './fixtures.mjs';
import { measureFreshness } from './freshness.mjs';
import { collectGarbage } from './inspector.mjs';
import { measureKubernetesPlugin } from './kubernetesPlugin.mjs';
import { settledMemory } from './load.mjs';
import {
  awaitReady,
  catalogComponents,
  measureReadiness,
  measureReadinessParts,
  warmUp,
} from './phases.mjs';

const require = createRequire(import.meta.url);
const hostScript = fileURLToPath(
  new URL('./realClustersHost.mjs', import.meta.url),
);

/** How many services each real cluster runs (four workloads each, about 7 pods on the primary). */
export const REAL_SERVICES = 150;

/**
 * Whether the real control planes can run: `wanted` is `--real` (true), `--no-real` (false) or
 * neither (undefined: only when KUBE_BINARIES_DIR points at built binaries). Answers
 * `{ enabled, reason }`, the reason saying why not, or where the binaries are.
 */
export function realClustersAvailability(wanted) {
  if (wanted === false) return { enabled: false, reason: '--no-real' };
  if (wanted === undefined && !process.env.KUBE_BINARIES_DIR) {
    return {
      enabled: false,
      reason:
        'KUBE_BINARIES_DIR is not set (scripts/build-kube-binaries.sh builds the binaries and ' +
        'prints their folder; --real looks for them without it)',
    };
  }
  try {
    const { kubeBinaries } = require('../../tools/kube-binaries/index.cjs');
    const { dir, versions } = kubeBinaries();
    return {
      enabled: true,
      reason: `binaries in ${dir}`,
      versions,
    };
  } catch (error) {
    const reason = `no Kubernetes binaries: ${error.message}`;
    if (wanted) throw new Error(`--real: ${reason}`);
    return { enabled: false, reason };
  }
}

/**
 * Starts the real clusters in realClustersHost.mjs and answers what the simulator's handle
 * answers (clusters with URLs and tokens, the CA, request counts and their reset, stop), the
 * counts read from the API servers' audit logs, with the requests by verb.
 */
export async function startRealClusters({
  workDir,
  services,
  concurrency = 6,
  progress,
}) {
  mkdirSync(workDir, { recursive: true });
  const { child, ready, call } = forkHost(hostScript, {
    env: {
      BENCH_REAL_OPTIONS: JSON.stringify({ workDir, services, concurrency }),
    },
    noteType: 'progress',
    onNote: progress,
    exitMessage: code =>
      `the real control planes' process exited (${code}); their logs are in ${join(
        workDir,
        'planes/logs',
      )}`,
  });
  const exited = new Promise(done => child.once('exit', done));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Stopping a dozen programs takes a few seconds; the host is killed after 60.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  };
  let started;
  try {
    started = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...started,
    resetRequestCounts: () => call('reset'),
    requestCounts: () => call('counts'),
    runningPods: () => call('pods'),
    stop,
  };
}

/**
 * The real-cluster phase: control planes, the built backend on them, the measurements; all
 * stopped again. A failure is answered (`error`), not thrown, so that the simulator's figures
 * are still reported.
 */
export async function measureRealClusters({
  entry,
  workDir,
  freePort,
  addCleanup,
  removeCleanup,
  progress,
  settings,
  services = REAL_SERVICES,
}) {
  const periodMs = settings.refresh.frequencySeconds * 1000;
  const layout = layoutOf({ clusters: 3, services });
  const result = { services, clusters: layout.clusters.length };
  const say = message => progress(`[real] ${message}`);
  let real;
  let backend;
  const stop = async () => {
    await backend?.stop();
    await real?.stop();
  };
  addCleanup(stop);
  const logFile = join(workDir, 'backend-real.log');
  try {
    const started = Date.now();
    real = await startRealClusters({
      workDir: join(workDir, 'real'),
      services,
      progress: say,
    });
    result.startSeconds = (Date.now() - started) / 1000;
    result.versions = real.versions;
    result.pods = real.pods;
    result.expectedPods = real.expectedPods;
    say(
      `${layout.clusters.length} clusters ready after ${Math.round(
        result.startSeconds,
      )} s; pods Ready ${Object.entries(real.pods)
        .map(([name, n]) => `${name} ${n}/${real.expectedPods[name]}`)
        .join(', ')}`,
    );

    const port = await freePort();
    const configFile = writeBackendConfig({
      dir: workDir,
      port,
      sim: real,
      entityCount: services,
      refresh: settings.refresh,
      name: 'real',
      layout,
    });
    await real.resetRequestCounts();
    say(`starting the backend with ${services} entities`);
    backend = await startBackend({ configFile, port, logFile, entry });
    const client = new BackendClient(
      backend.url,
      await guestToken(backend.url),
    );
    result.firstCycle = await countFirstCycle({
      client,
      sim: real,
      timeoutMs: 120_000,
    });
    result.firstCycle.byVerb = Object.fromEntries(
      Object.entries(await real.requestCounts()).map(([name, c]) => [
        name,
        c.byVerb,
      ]),
    );
    await awaitReady({ client, entityCount: services, timeoutMs: 300_000 });
    result.memory = { ready: memoryOf(backend.pid) };
    say('catalog ingested and every cluster collected; warming up');
    const entities = await catalogComponents(client);
    await warmUp({ client, entities, entityCount: services });
    const collect = () =>
      collectGarbage({ pid: backend.pid, logFile: backend.logFile });

    await collect();
    say('measuring the Kubernetes plugin (its pods listed from KWOK)');
    result.kubernetes = await measureKubernetesPlugin({
      client,
      entities,
      entityCount: services,
      samples: settings.samples,
      budgetMs: 45_000,
    });

    await collect();
    say(
      'measuring readiness; counting a refresh cycle at the API servers meanwhile',
    );
    const cycle = countRefreshCycle({ client, sim: real, periodMs }).catch(
      error => ({ error: error.message, counts: {} }),
    );
    result.readiness = await measureReadiness({
      client,
      entityCount: services,
      samples: settings.samples,
      budgetMs: 60_000,
    });
    result.parts = await measureReadinessParts({
      client,
      entityCount: services,
      samples: 50,
    });
    result.steadyCycle = await cycle;
    result.steadyCycle.byVerb = Object.fromEntries(
      Object.entries(await real.requestCounts()).map(([name, c]) => [
        name,
        c.byVerb,
      ]),
    );

    say('measuring freshness: an image patched through the real API server');
    result.freshness = await measureFreshness({ client, sim: real });
    result.memory.end = memoryOf(backend.pid);
    say('forcing a full garbage collection in the backend');
    result.memory.settled = await settledMemory({ client, backend, periodMs });
    result.podsAtEnd = await real.runningPods();
  } catch (error) {
    result.error = error.message;
    say(`failed: ${error.message}`);
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (log) {
      console.error(`[bench] the backend's last log lines (${logFile}):`);
      console.error(log.trim().split('\n').slice(-20).join('\n'));
    }
  } finally {
    await stop();
    removeCleanup(stop);
  }
  return result;
}
