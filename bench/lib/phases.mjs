// What the benchmark measures against one running backend (beside the Kubernetes plugin and a
// hanging cluster, in files of their own): readiness, the ownership view and their parts.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { clusterStatuses, everyKindListed } from './cycles.mjs';
import { BIG_GROUP, entityAt } from './fixtures.mjs';
import { runConcurrent, runSequential } from './measure.mjs';

const ok = response => ({ ok: response.ok, status: response.status });

/** Waits until the catalog holds every entity, with ownership relations, and every cluster is listed. */
export async function awaitReady({ client, entityCount, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  const bigGroupShare = Math.min(entityCount, 200);
  for (;;) {
    const [components, owned, statuses] = await Promise.all([
      client.catalogCount('kind=component'),
      client.catalogCount(
        `kind=component,relations.ownedBy=group:default/${BIG_GROUP}`,
      ),
      clusterStatuses(client),
    ]).catch(() => [undefined, undefined, {}]);
    if (
      components === entityCount &&
      owned === bigGroupShare &&
      everyKindListed(statuses)
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `not ready within ${timeoutMs} ms: ${components}/${entityCount} components, ` +
          `${owned}/${bigGroupShare} owned by ${BIG_GROUP}, clusters ${JSON.stringify(
            statuses,
          )}`,
      );
    }
    await sleep(500);
  }
}

/** Every Component of the catalog, by name (the Kubernetes plugin is sent the whole entity). */
export async function catalogComponents(client) {
  const byName = new Map();
  let cursor;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : 'filter=kind=component&limit=500';
    const { body } = await client.get(
      `/api/catalog/entities/by-query?${query}`,
    );
    body.items.forEach(entity => byName.set(entity.metadata.name, entity));
    cursor = body.pageInfo?.nextCursor;
  } while (cursor);
  return byName;
}

/** Requests every endpoint a few times, so that the measured runs find code compiled and caches warm. */
export async function warmUp({ client, entities, entityCount }) {
  for (let i = 0; i < 40; i++) {
    const name = entityAt(i + 250, entityCount);
    await client.readiness(name);
    if (i % 2 === 0) await client.kubernetesObjects(entities.get(name));
  }
  await client.ownership(BIG_GROUP);
}

/** Readiness over varied entities, sequential and (unless `concurrency` is 0) concurrent. */
export async function measureReadiness({
  client,
  entityCount,
  samples,
  budgetMs,
  concurrency = 8,
}) {
  const request = async i =>
    ok(await client.readiness(entityAt(i, entityCount)));
  const sequential = await runSequential({ count: samples, budgetMs, request });
  if (concurrency === 0) return { sequential };
  const answer = await client.readiness(entityAt(0, entityCount));
  return {
    answerKb: JSON.stringify(answer.body).length / 1024,
    sequential,
    concurrent: await runConcurrent({
      count: samples,
      concurrency,
      budgetMs,
      request,
    }),
  };
}

/**
 * The ownership view of the group that owns 200 entities. Also answers how long a cheap
 * request sent while the first one runs has to wait (`blockedMs`): whether the view holds
 * the backend's event loop.
 */
export async function measureOwnership({ client, samples, budgetMs }) {
  const first = client.ownership(BIG_GROUP);
  await sleep(200);
  const blockedMs = await timeOnNewConnection(client, '/api/reserve/clusters');
  await first;
  let rows;
  const result = await runSequential({
    count: samples,
    budgetMs,
    request: async () => {
      const response = await client.ownership(BIG_GROUP);
      rows = response.body?.entities?.length;
      return ok(response);
    },
  });
  return { ...result, rows, blockedMs };
}

// A GET on a connection of its own: a kept-alive one could be closed by a backend whose
// event loop comes back to its idle timers only after a long request.
function timeOnNewConnection(client, path) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(
        `${client.url}${path}`,
        { agent: false, headers: client.headers },
        res => {
          res.resume();
          res.on('end', () => resolve(performance.now() - started));
        },
      )
      .on('error', reject);
  });
}

/**
 * What a readiness request is made of, each part measured alone through the backend's HTTP API:
 * an authenticated Kube Reserve route that reads no entity (GET /clusters), the catalog lookup
 * of the entity, and the permission decision.
 */
export async function measureReadinessParts({ client, entityCount, samples }) {
  const run = request =>
    runSequential({ count: samples, budgetMs: 30_000, request });
  return {
    clusters: await run(async () => ok(await client.clusters())),
    catalog: await run(async i =>
      ok(await client.catalogEntity(entityAt(i, entityCount))),
    ),
    permission: await run(async i =>
      ok(await client.authorizeReadiness(entityAt(i, entityCount))),
    ),
  };
}
