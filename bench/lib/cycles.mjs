// Kube Reserve's refresh cycles, seen from outside: GET /api/reserve/clusters says when each
// cluster was last collected, and the simulator counts the requests the cycle cost.
import { setTimeout as sleep } from 'node:timers/promises';

/** Each cluster's status from /api/reserve/clusters, by name. */
export async function clusterStatuses(client) {
  const { ok, status, body } = await client.clusters();
  if (!ok) throw new Error(`GET /api/reserve/clusters answered ${status}`);
  return Object.fromEntries(body.clusters.map(c => [c.name, c.status]));
}

/** Whether every cluster has been collected and every kind of it listed. */
export function everyKindListed(statuses) {
  const clusters = Object.values(statuses);
  return (
    clusters.length > 0 &&
    clusters.every(
      s =>
        s.state === 'ok' &&
        Object.values(s.kinds ?? {}).every(
          k => k.state === 'ok' || k.state === 'absent',
        ),
    )
  );
}

/**
 * Waits until every cluster's collection has finished once more after `since` (statuses read
 * earlier); calls `onCollected(name)` as each one finishes. Answers the new statuses.
 */
export async function awaitNextCollection({
  client,
  since,
  timeoutMs,
  onCollected = async () => undefined,
}) {
  const waiting = new Set(Object.keys(since));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A poll that fails (a busy backend dropping a kept-alive connection) is tried again.
    const statuses = await clusterStatuses(client).catch(() => ({}));
    for (const name of [...waiting]) {
      if (!statuses[name]) continue;
      if (statuses[name]?.collectedAt !== since[name]?.collectedAt) {
        waiting.delete(name);
        await onCollected(name);
      }
    }
    if (waiting.size === 0) return clusterStatuses(client);
    if (Date.now() > deadline) {
      throw new Error(
        `no collection of ${[...waiting].join(', ')} within ${timeoutMs} ms`,
      );
    }
    await sleep(200);
  }
}

/**
 * Waits until no collection runs and the next is more than 3 s away, and answers the statuses
 * then: right after a collection of every cluster, the next is a period away, so that is now;
 * otherwise a cycle may be under way, and it is once that cycle has ended.
 */
export async function awaitCollectorIdle({ client, periodMs, timeoutMs }) {
  const now = await clusterStatuses(client);
  const quietMs = Math.min(
    ...Object.values(now).map(
      s => Date.parse(s.collectedAt ?? 0) + periodMs - Date.now(),
    ),
  );
  return quietMs > 3000 && everyKindListed(now)
    ? now
    : awaitNextCollection({ client, since: now, timeoutMs });
}

/**
 * The cluster requests of one whole refresh cycle, per cluster: waits for the cycle under way
 * to end, resets the simulator's counts, and reads each cluster's count as soon as its next
 * collection has finished. Nothing else may call the clusters meanwhile.
 */
export async function countRefreshCycle({ client, sim, periodMs }) {
  const timeoutMs = periodMs * 2 + 30_000;
  const ended = await awaitCollectorIdle({ client, periodMs, timeoutMs });
  await sim.resetRequestCounts();
  const counts = {};
  const statuses = await awaitNextCollection({
    client,
    since: ended,
    timeoutMs,
    onCollected: async name => {
      counts[name] = (await sim.requestCounts())[name].total;
    },
  });
  return {
    counts,
    everyKindListed: everyKindListed(statuses),
    unlisted: unlistedKinds(statuses),
  };
}

/** The kinds a collection could not list, e.g. `prod-fra deployments: failed`. */
export function unlistedKinds(statuses) {
  return Object.entries(statuses).flatMap(([name, s]) =>
    Object.entries(s.kinds ?? {})
      .filter(([, k]) => k.state !== 'ok' && k.state !== 'absent')
      .map(([kind, k]) => `${name} ${kind}: ${k.state} (${k.message ?? ''})`),
  );
}

/** The cluster requests of the first collection after start-up (counts reset before start). */
export async function countFirstCycle({ client, sim, timeoutMs }) {
  const counts = {};
  const pending = Object.fromEntries(
    Object.keys(await clusterStatuses(client)).map(name => [name, {}]),
  );
  const statuses = await awaitNextCollection({
    client,
    since: pending,
    timeoutMs,
    onCollected: async name => {
      counts[name] = (await sim.requestCounts())[name].total;
    },
  });
  return { counts, everyKindListed: everyKindListed(statuses) };
}
