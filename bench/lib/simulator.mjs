// Starts the simulated clusters in a child process (simulatorHost.mjs) and talks to it over IPC.
import { fileURLToPath } from 'node:url';
import { forkHost } from './childHost.mjs';

const hostScript = fileURLToPath(
  new URL('./simulatorHost.mjs', import.meta.url),
);

/**
 * Starts the benchmark clusters with `latencyMs` on every answer: by default the three of 500
 * services, else those of `layout` (fixtures.mjs `layoutOf({ clusters, services })`, given as
 * its arguments). Resolves to their URLs, tokens and CA, and functions to switch faults, read
 * and reset request counts, and stop. `heapMb` raises the simulator's V8 heap limit (the
 * cost table's largest clusters hold more than Node's default).
 */
export async function startSimulatedClusters({
  latencyMs,
  pace,
  layout,
  heapMb,
}) {
  const { child, ready, call } = forkHost(hostScript, {
    execArgv: heapMb ? [`--max-old-space-size=${heapMb}`] : [],
    env: {
      BENCH_SIMULATOR_LATENCY_MS: String(latencyMs),
      BENCH_SIMULATOR_PACE: String(pace),
      ...(layout ? { BENCH_SIMULATOR_LAYOUT: JSON.stringify(layout) } : {}),
    },
    noteType: 'log',
    onNote: text => console.error(`[cluster-sim] ${text}`),
    exitMessage: code => `the cluster simulator exited (${code})`,
  });

  const { clusters, caPem } = await ready;
  return {
    clusters,
    caPem,
    /** The simulator's process, to read its CPU time. */
    pid: child.pid,
    /** Replaces a cluster's faults (the latency stays). */
    setFaults: (cluster, faults) => call('faults', { cluster, faults }),
    /** Requests each cluster received since the last reset: `{ name: { total, byToken } }`. */
    requestCounts: () => call('counts'),
    resetRequestCounts: () => call('reset'),
    /** How many objects of each resource each cluster holds. */
    objectCounts: resources => call('objectCounts', { resources }),
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.disconnect();
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
