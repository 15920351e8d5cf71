// The Kubernetes plugin's answer for an entity, the baseline readiness is compared with: its
// latency, and what it costs the clusters.
import https from 'node:https';
import { clusterStatuses } from './cycles.mjs';
import { entityAt } from './fixtures.mjs';
import { runConcurrent, runSequential } from './measure.mjs';

const ok = response => ({ ok: response.ok, status: response.status });

/** The Kubernetes plugin's POST /services/:name for the same entities as readiness. */
export async function measureKubernetesPlugin({
  client,
  entities,
  entityCount,
  samples,
  budgetMs,
}) {
  const request = async i =>
    ok(await client.kubernetesObjects(entities.get(entityAt(i, entityCount))));
  const answer = await client.kubernetesObjects(
    entities.get(entityAt(0, entityCount)),
  );
  return {
    answerKb: JSON.stringify(answer.body).length / 1024,
    sequential: await runSequential({ count: samples, budgetMs, request }),
    concurrent: await runConcurrent({
      count: samples,
      concurrency: 8,
      budgetMs,
      request,
    }),
  };
}

/**
 * The cluster requests one Kubernetes plugin call costs, counted at the simulator over ten calls
 * between two refresh cycles (the collector shares the token, so it must be quiet meanwhile).
 */
export async function kubernetesRequestsPerCall({
  client,
  sim,
  entities,
  entityCount,
}) {
  const calls = 10;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await clusterStatuses(client);
    await sim.resetRequestCounts();
    for (let i = 0; i < calls; i++) {
      await client.kubernetesObjects(entities.get(entityAt(i, entityCount)));
    }
    const counts = await sim.requestCounts();
    const after = await clusterStatuses(client);
    const quiet = Object.keys(before).every(
      name => before[name].collectedAt === after[name].collectedAt,
    );
    if (quiet) {
      const total = Object.values(counts).reduce((sum, c) => sum + c.total, 0);
      return total / calls;
    }
  }
  return NaN;
}

/**
 * The cluster requests of one Kubernetes plugin call (each kind of its list, on each cluster,
 * by label selector), sent straight from here to the simulator: the clusters' share of the
 * plugin's latency, with connections kept alive.
 */
export async function measureDirectClusterRequests({
  sim,
  entityCount,
  samples,
}) {
  const kinds = [
    'api/v1/pods',
    'api/v1/services',
    'api/v1/configmaps',
    'api/v1/limitranges',
    'api/v1/resourcequotas',
    'apis/apps/v1/deployments',
    'apis/apps/v1/replicasets',
    'apis/autoscaling/v2/horizontalpodautoscalers',
    'apis/batch/v1/jobs',
    'apis/batch/v1/cronjobs',
    'apis/networking.k8s.io/v1/ingresses',
    'apis/apps/v1/statefulsets',
    'apis/apps/v1/daemonsets',
  ];
  const agent = new https.Agent({ keepAlive: true, ca: sim.caPem });
  const get = (cluster, path) =>
    new Promise((resolve, reject) => {
      const req = https.get(
        `${cluster.url}/${path}`,
        {
          agent,
          headers: {
            Authorization: `Bearer ${cluster.tokens['reserve-reader']}`,
          },
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
    });
  try {
    return await runSequential({
      count: samples,
      budgetMs: 30_000,
      request: async i => {
        const name = entityAt(i, entityCount);
        const paths = kinds.map(kind => {
          const [prefix, plural] = [
            kind.slice(0, kind.lastIndexOf('/')),
            kind.split('/').pop(),
          ];
          return `${prefix}/namespaces/${name}/${plural}?labelSelector=${encodeURIComponent(
            `backstage.io/kubernetes-id=${name}`,
          )}`;
        });
        await Promise.all(
          sim.clusters.flatMap(cluster =>
            paths.map(path => get(cluster, path)),
          ),
        );
        return { ok: true };
      },
    });
  } finally {
    agent.destroy();
  }
}
