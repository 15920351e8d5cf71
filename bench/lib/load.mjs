// Load: many clients at once for a minute, readiness, runbooks and ownership requests mixed, sent
// with autocannon; and whether the backend's memory comes back down afterwards (its RSS after a
// forced full garbage collection, before the load and after it).
import autocannon from 'autocannon';
import { memoryOf } from './backend.mjs';
import { ownershipPath, readinessPath, runbooksPath } from './client.mjs';
import { awaitCollectorIdle } from './cycles.mjs';
import { BIG_GROUP, GROUPS, entityAt } from './fixtures.mjs';
import { collectGarbage } from './inspector.mjs';
import { summarize } from './measure.mjs';

// The kinds of request of the load, in the order their figures are reported: the ownership
// view of the big group (200 entities) apart from the others' (60 entities each at 500).
const KINDS = [
  'readiness',
  'runbooks',
  `ownership (${BIG_GROUP})`,
  'ownership (other teams)',
];

// How long autocannon waits for an answer before it counts the request as timed out.
const TIMEOUT_SECONDS = 10;

// Of every ten requests, six ask for an entity's readiness and three for its runbooks (what an
// entity page shows), one for a group's ownership view (a team page, the heaviest answer).
const MIX = [
  'readiness',
  'runbooks',
  'readiness',
  'readiness',
  'runbooks',
  'readiness',
  'ownership',
  'readiness',
  'runbooks',
  'readiness',
];

// The `n`-th request of the load: entities walk the whole catalog, groups take turns.
function requestAt(n, entityCount) {
  const route = MIX[n % MIX.length];
  if (route === 'ownership') {
    const group = GROUPS[Math.floor(n / MIX.length) % GROUPS.length];
    const kind = group === BIG_GROUP ? KINDS[2] : KINDS[3];
    return { kind, path: ownershipPath(group) };
  }
  const name = entityAt(n, entityCount);
  const path = route === 'readiness' ? readinessPath(name) : runbooksPath(name);
  return { kind: route, path };
}

/**
 * The backend's memory with no garbage in it: once no refresh cycle runs (a collection under
 * way holds the lists it is reading), a forced full garbage collection, then its RSS and the
 * V8 heap still in use.
 */
export async function settledMemory({ client, backend, periodMs }) {
  await awaitCollectorIdle({ client, periodMs, timeoutMs: periodMs * 2 });
  const heap = await collectGarbage(backend);
  return { ...memoryOf(backend.pid), ...heap };
}

/**
 * `connections` clients sending the mix for `seconds`, each its next request as soon as the
 * last is answered, with the guest's token. Answers the totals (answered requests, non-2xx
 * answers, errors and timeouts, answers per second), the latencies of the 2xx answers, all and
 * of each kind,
 * and a few failed requests (with their answers) and timed-out ones. Calls `progress` every
 * 10 s.
 */
export async function runLoad({
  client,
  entityCount,
  connections,
  seconds,
  progress,
}) {
  let next = 0;
  let answered = 0;
  let non2xx = 0;
  const all = [];
  const byKind = Object.fromEntries(KINDS.map(kind => [kind, []]));
  const failed = Object.fromEntries(KINDS.map(kind => [kind, 0]));
  const failures = [];
  const timedOut = [];
  const errors = {};
  // Requests sent and not answered yet. autocannon does not say which request timed out, so
  // each timeout is put down to the oldest of these, which has waited the timeout by then.
  const pending = new Set();
  const instance = autocannon({
    url: client.url,
    connections,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    headers: client.headers,
    requests: [
      {
        // Called as each request is about to be sent; `context` is its connection's.
        setupRequest: (request, context) => {
          const sent = {
            ...requestAt(next++, entityCount),
            at: performance.now(),
          };
          pending.add(sent);
          context.sent = sent;
          return { ...request, path: sent.path };
        },
        onResponse: (status, body, { sent }) => {
          const ms = performance.now() - sent.at;
          pending.delete(sent);
          answered++;
          if (status >= 200 && status < 300) {
            all.push(ms);
            byKind[sent.kind].push(ms);
            return;
          }
          non2xx++;
          failed[sent.kind]++;
          if (failures.length < 10) {
            failures.push({
              status,
              path: sent.path,
              answer: body.slice(0, 300),
            });
          }
        },
      },
    ],
  });
  instance.on('reqError', error => {
    errors[error.message] = (errors[error.message] ?? 0) + 1;
    if (error.message !== 'request timed out') return;
    const [oldest] = pending;
    if (!oldest) return;
    pending.delete(oldest);
    failed[oldest.kind]++;
    timedOut.push({
      path: oldest.path,
      afterMs: performance.now() - oldest.at,
    });
  });
  const started = performance.now();
  const ticker = setInterval(() => {
    const elapsed = Math.round((performance.now() - started) / 1000);
    const broken = Object.values(errors).reduce((a, b) => a + b, 0);
    progress(
      `load: ${elapsed} of ${seconds} s, ${answered} answered, ` +
        `${non2xx} non-2xx, ${broken} errors`,
    );
  }, 10_000);
  let result;
  try {
    result = await instance;
  } finally {
    clearInterval(ticker);
  }
  return {
    connections,
    seconds: result.duration,
    timeoutSeconds: TIMEOUT_SECONDS,
    answered,
    perSecond: answered / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    errorMessages: errors,
    latency: summarize(all),
    kinds: Object.fromEntries(
      KINDS.map(kind => [kind, summarize(byKind[kind], failed[kind])]),
    ),
    failures,
    timedOut,
    // autocannon's own figures, for comparison: its latencies count 2xx answers only.
    autocannon: {
      requests: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      statusCodes: result.statusCodeStats,
    },
  };
}
