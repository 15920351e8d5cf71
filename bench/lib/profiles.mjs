// `yarn bench --profile`: where the backend's time and memory go. Reads the V8 CPU profile
// (.cpuprofile) and sampling heap profile (.heapprofile) that Node writes when the backend
// exits, and sums them by package and by Kube Reserve function.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RESERVE = '/plugins/reserve-backend/';

/** Where a frame's code lives: a package of node_modules or of the workspace, Node, or V8. */
function packageOf({ url, functionName }) {
  if (functionName === '(garbage collector)') return '(garbage collection)';
  if (!url) return '(V8 and native code)';
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  const workspace = /\/(plugins|packages)\/([^/]+)\//.exec(url);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

function frameName({ functionName, url, lineNumber }) {
  const file = url.slice(url.indexOf(RESERVE) + RESERVE.length);
  return `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`;
}

function largest(dir, extension) {
  const files = readdirSync(dir)
    .filter(name => name.endsWith(extension))
    .map(name => join(dir, name));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

// Nodes by id with their parent, so that every sample's stack can be walked.
function indexTree(nodes) {
  const byId = new Map(nodes.map(node => [node.id, node]));
  const parentOf = new Map();
  for (const node of nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  return id => {
    const stack = [];
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      stack.push(byId.get(at));
    }
    return stack;
  };
}

function top(map, count) {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);

/**
 * CPU time of the samples between `from` and `to` (process.hrtime.bigint() values: the same
 * monotonic clock V8 stamps its samples with), by package and by Kube Reserve function.
 */
function cpuWindow(profile, stackOf, { from, to }) {
  const fromUs = Number(from / 1000n);
  const toUs = Number(to / 1000n);
  const byPackage = new Map();
  const reserveInclusive = new Map();
  let at = profile.startTime;
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < fromUs || at > toUs) return;
    const sampleMs = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = stackOf(id);
    if (stack[0].callFrame.functionName === '(idle)') return;
    totalMs += sampleMs;
    add(byPackage, packageOf(stack[0].callFrame), sampleMs);
    const seen = new Set();
    for (const { callFrame } of stack) {
      if (!callFrame.url.includes(RESERVE)) continue;
      const name = frameName(callFrame);
      if (!seen.has(name)) add(reserveInclusive, name, sampleMs);
      seen.add(name);
    }
  });
  return { totalMs, byPackage, reserveInclusive };
}

/** Live memory at exit by the package that allocated it, and by Kube Reserve function. */
function heapAtExit(profile) {
  const nodes = [];
  const walk = node => {
    nodes.push(node);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const stackOf = indexTree(
    nodes.map(node => ({ ...node, children: node.children.map(c => c.id) })),
  );
  const byPackage = new Map();
  const reserveInclusive = new Map();
  let totalMb = 0;
  for (const node of nodes) {
    const mb = node.selfSize / 1024 / 1024;
    if (mb === 0) continue;
    totalMb += mb;
    const stack = stackOf(node.id);
    add(byPackage, packageOf(node.callFrame), mb);
    const seen = new Set();
    for (const { callFrame } of stack) {
      if (!callFrame.url.includes(RESERVE)) continue;
      const name = frameName(callFrame);
      if (!seen.has(name)) add(reserveInclusive, name, mb);
      seen.add(name);
    }
  }
  return { totalMb, byPackage, reserveInclusive };
}

const percentOf = (part, whole) => `${Math.round((100 * part) / whole)}%`;

/**
 * The main V8 heap as `--trace-gc` logged it (worker threads log their own, smaller heaps): the
 * size it grew to, and how much was live after each full (mark-compact) collection.
 */
function gcSummary(logFile) {
  const byIsolate = new Map();
  for (const match of readFileSync(logFile, 'utf8').matchAll(
    /\[\d+:(0x[0-9a-f]+)\][^\n]*?Mark-Compact[^\d]*[\d.]+ \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g,
  )) {
    const [, isolate, committedBefore, liveAfter] = match;
    const collections = byIsolate.get(isolate) ?? [];
    collections.push({
      committed: Number(committedBefore),
      live: Number(liveAfter),
    });
    byIsolate.set(isolate, collections);
  }
  const heaps = [...byIsolate.values()].map(collections => ({
    count: collections.length,
    grewTo: Math.max(...collections.map(c => c.committed)),
    liveMin: Math.min(...collections.map(c => c.live)),
    liveMax: Math.max(...collections.map(c => c.live)),
  }));
  const main = heaps.sort((x, y) => y.grewTo - x.grewTo)[0];
  if (!main) return [];
  return [
    `  V8 heap of the main thread (--trace-gc): grew to ${Math.round(
      main.grewTo,
    )} MB; ${Math.round(main.liveMin)}–${Math.round(
      main.liveMax,
    )} MB live after each of its ${main.count} full collections`,
  ];
}

/**
 * A text summary of the profiles in `dir`, for the measured phases named in `marks`, and of
 * the garbage collections in the backend's log.
 */
export function summarizeProfiles(dir, marks, logFile) {
  const lines = [
    '',
    'Where the backend with 500 entities spent its time (CPU profile):',
  ];
  const cpuFile = largest(dir, '.cpuprofile');
  if (cpuFile) {
    const profile = JSON.parse(readFileSync(cpuFile, 'utf8'));
    const stackOf = indexTree(profile.nodes);
    for (const [phase, window] of Object.entries(marks)) {
      const { totalMs, byPackage, reserveInclusive } = cpuWindow(
        profile,
        stackOf,
        window,
      );
      const wallMs = Number(window.to - window.from) / 1e6;
      lines.push(
        `  ${phase}: busy ${Math.round(totalMs)} ms of ${Math.round(
          wallMs,
        )} ms`,
        `    by package (self time): ${top(byPackage, 8)
          .map(([name, ms]) => `${name} ${percentOf(ms, totalMs)}`)
          .join(', ')}`,
        '    Kube Reserve functions (inclusive time):',
        ...top(reserveInclusive, 12).map(
          ([name, ms]) =>
            `      ${percentOf(ms, totalMs).padStart(4)}  ${name}`,
        ),
      );
    }
  }
  const heapFile = largest(dir, '.heapprofile');
  if (heapFile) {
    const { totalMb, byPackage, reserveInclusive } = heapAtExit(
      JSON.parse(readFileSync(heapFile, 'utf8')),
    );
    lines.push(
      '',
      `Memory still live when it stopped (sampling heap profile): ${Math.round(
        totalMb,
      )} MB of JS heap`,
      `  by allocating package: ${top(byPackage, 8)
        .map(([name, mb]) => `${name} ${Math.round(mb)} MB`)
        .join(', ')}`,
      '  allocated under Kube Reserve functions:',
      ...top(reserveInclusive, 6).map(
        ([name, mb]) => `    ${String(Math.round(mb)).padStart(5)} MB  ${name}`,
      ),
    );
  }
  lines.push(...gcSummary(logFile));
  return lines.join('\n');
}
