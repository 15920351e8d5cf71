// Starts the simulated clusters in a child process (simulatorHost.mjs) and talks to it over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  const child = fork(hostScript, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: heapMb ? [`--max-old-space-size=${heapMb}`] : [],
    env: {
      ...process.env,
      BENCH_SIMULATOR_LATENCY_MS: String(latencyMs),
      BENCH_SIMULATOR_PACE: String(pace),
      ...(layout ? { BENCH_SIMULATOR_LAYOUT: JSON.stringify(layout) } : {}),
    },
  });
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    child.on('message', message => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'log')
        console.error(`[cluster-sim] ${message.message}`);
      else {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new Error(message.error));
        else call?.resolve(message.result);
      }
    });
    child.once('exit', code => {
      const error = new Error(`the cluster simulator exited (${code})`);
      reject(error);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    });
  });
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, args });
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
