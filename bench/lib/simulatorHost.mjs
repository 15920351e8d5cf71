// The simulated clusters, in a process of their own so that serving them never delays the
// benchmark's clock. Started by simulator.mjs over an IPC channel; exits when that closes.
import { createRequire } from 'node:module';
import { clusterFixtures } from './clusterFixtures.mjs';
import { layoutOf } from './fixtures.mjs';

const require = createRequire(import.meta.url);
// The simulator is TypeScript run from source, as its CLI does.
require('@backstage/cli/config/nodeTransform.cjs');
const { startSimulator } = require('@kube-reserve/cluster-sim');

const pace = Number(process.env.BENCH_SIMULATOR_PACE ?? 5000);
const latencyMs = Number(process.env.BENCH_SIMULATOR_LATENCY_MS ?? 20);

// The clusters of fixtures.mjs layoutOf(its arguments), when given; else the usual three.
const layout = process.env.BENCH_SIMULATOR_LAYOUT
  ? layoutOf(JSON.parse(process.env.BENCH_SIMULATOR_LAYOUT))
  : undefined;

const sim = await startSimulator({
  clusters: clusterFixtures(layout),
  ports: 'free',
  pace,
  onControllerError: (error, cluster) =>
    process.send({ type: 'log', message: `${cluster}: ${error}` }),
});
for (const cluster of sim.clusters) cluster.faults.set({ latencyMs });

const operations = {
  faults: ({ cluster, faults }) => {
    sim.cluster(cluster).faults.set({ latencyMs, ...faults });
  },
  counts: () =>
    Object.fromEntries(sim.clusters.map(c => [c.name, c.requests.counts()])),
  reset: () => sim.clusters.forEach(c => c.requests.reset()),
  objectCounts: ({ resources }) =>
    Object.fromEntries(
      sim.clusters.map(c => [
        c.name,
        Object.fromEntries(resources.map(r => [r, c.objects.list(r).length])),
      ]),
    ),
};

process.on('message', ({ id, op, args }) => {
  try {
    process.send({ id, result: operations[op](args ?? {}) });
  } catch (error) {
    process.send({ id, error: String(error?.message ?? error) });
  }
});
process.on('disconnect', async () => {
  await sim.stop();
  process.exit(0);
});

process.send({
  type: 'ready',
  caPem: sim.caPem,
  clusters: sim.clusters.map(c => ({
    name: c.name,
    url: c.url,
    tokens: c.tokens,
  })),
});
