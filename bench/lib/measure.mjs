// Timing: sequential and concurrent runs of one kind of request, and their percentiles.

/** The nearest-rank percentile `q` (0–1) of sorted values. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** p50, p95, p99, max and count of durations in milliseconds, with the number of failed requests. */
export function summarize(durations, failures = 0) {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    failures,
  };
}

// Times one request; `request` answers `{ ok }` once the whole answer has been read.
async function timed(request, i, failures) {
  const started = performance.now();
  const { ok, status } = await request(i).catch(error => ({
    ok: false,
    status: error.message,
  }));
  const ms = performance.now() - started;
  if (!ok) failures.push(status);
  return ms;
}

/**
 * Runs `count` requests one after the other (request `i` gets `i`), stopping early when
 * `budgetMs` has passed, so that a slow endpoint cannot stretch the run beyond minutes.
 */
export async function runSequential({ count, budgetMs, request }) {
  const durations = [];
  const failures = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    durations.push(await timed(request, i, failures));
  }
  return { ...summarize(durations, failures.length), errors: failures };
}

/** Runs `count` requests over `concurrency` parallel clients; also answers requests per second. */
export async function runConcurrent({ count, concurrency, budgetMs, request }) {
  const durations = [];
  const failures = [];
  const deadline = performance.now() + budgetMs;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      durations.push(await timed(request, next++, failures));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    ...summarize(durations, failures.length),
    concurrency,
    perSecond: durations.length / seconds,
    errors: failures,
  };
}
