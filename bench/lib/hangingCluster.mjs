// One cluster hangs: does any readiness answer wait for it?
import { clusterStatuses } from './cycles.mjs';
import { DEFAULT_PAIR, reserveOf, serviceName } from './fixtures.mjs';
import { summarize } from './measure.mjs';

/**
 * Makes one cluster hang and measures readiness, alternately for entities whose pair includes
 * it and for the others, until Kube Reserve has tried to collect it and given up (its status is
 * no longer `ok`) and a few seconds more. Meanwhile one Kubernetes plugin call is made for an
 * entity, which fans out to the hanging cluster too.
 */
export async function measureHangingCluster({
  client,
  sim,
  entities,
  entityCount,
  periodMs,
  timeoutMs,
}) {
  const hanging = reserveOf(1);
  const onHanging = [];
  const onOthers = [];
  const failures = [];
  const started = Date.now();
  const budgetMs = periodMs + timeoutMs + 15_000;
  await sim.setFaults(hanging, { hang: true });
  const hangStarted = performance.now();
  let hangMs;
  const kubernetesCall = (async () => {
    const t0 = performance.now();
    try {
      const res = await fetch(
        `${client.url}/api/kubernetes/services/${serviceName(2)}`,
        {
          method: 'POST',
          headers: { ...client.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ entity: entities.get(serviceName(2)) }),
          signal: AbortSignal.timeout(budgetMs + 10_000),
        },
      );
      await res.text();
      return { answeredMs: performance.now() - t0, status: res.status };
    } catch {
      return { answeredMs: undefined, gaveUpAfterMs: performance.now() - t0 };
    }
  })();
  const numbers = Array.from({ length: entityCount }, (_, k) => k + 1);
  const hangingOnes = numbers.filter(n => reserveOf(n) === hanging);
  const otherOnes = numbers.filter(n => reserveOf(n) !== hanging);
  let reportedAfterMs;
  let status;
  try {
    for (let i = 0; Date.now() - started < budgetMs; i++) {
      const onHangingCluster = i % 2 === 0;
      const pool = onHangingCluster ? hangingOnes : otherOnes;
      const name = serviceName(pool[(i * 37) % pool.length]);
      const t0 = performance.now();
      const response = await client.readiness(name);
      (onHangingCluster ? onHanging : onOthers).push(performance.now() - t0);
      if (!response.ok) failures.push(response.status);
      if (i % 10 === 9) {
        const statuses = await clusterStatuses(client).catch(() => ({}));
        status = statuses[hanging] ?? status ?? { state: 'ok' };
        const elapsedMs = Date.now() - started;
        reportedAfterMs ??= status.state === 'ok' ? undefined : elapsedMs;
        if (
          reportedAfterMs !== undefined &&
          elapsedMs > reportedAfterMs + 3000
        ) {
          break;
        }
      }
    }
  } finally {
    await sim.setFaults(hanging, {});
    hangMs = performance.now() - hangStarted;
  }
  return {
    cluster: hanging,
    pair: `${DEFAULT_PAIR.primary} + ${hanging}`,
    timeoutMs,
    hangMs,
    reportedAfterMs,
    reportedState: status?.state,
    reportedMessage: status?.message,
    onHanging: summarize(onHanging),
    onOthers: summarize(onOthers),
    failures: failures.length,
    // The plugin's call, started with the hang: answered only once the hang ended?
    kubernetes: { ...(await kubernetesCall), hangMs },
  };
}
