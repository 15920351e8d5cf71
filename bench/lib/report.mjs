// Turns the measurements into the targets table (met / not met) and the context behind it,
// printed as text and written as Markdown and JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(fileURLToPath(import.meta.url), '../../..');

const ms = value => {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
};
const mb = value => `${Math.round(value)} MB`;
const latency = s =>
  `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.n}${
    s.failures ? `, ${s.failures} failed` : ''
  })`;
const tail = s =>
  `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n}${
    s.failures ? `, ${s.failures} failed` : ''
  })`;
const sum = counts => Object.values(counts).reduce((a, b) => a + b, 0);
const perCluster = counts =>
  `${sum(counts)} (${Object.entries(counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ')})`;

/** The targets of DESIGN.md §9: what was measured, the goal, and whether it was met. */
export function targetRows(results) {
  const { full, small, settings } = results;
  const readiness = full.readiness.sequential;
  const kubernetes = full.kubernetes.sequential;
  const ratio = kubernetes.p95 / readiness.p95;
  const cycleSmall = sum(small.steadyCycle.counts);
  const cycleFull = sum(full.steadyCycle.counts);
  const instances = results.instances;
  const cycleInstances = instances && sum(instances.cycle.counts);
  const rss = full.memory.end;
  const floor = full.parts.clusters;
  const hang = full.hang;
  const hangMax = Math.max(hang.onHanging.max, hang.onOthers.max);
  return [
    {
      target: 'Entity readiness, p95',
      goal: '≤ 2× an authenticated route that reads no entity',
      measured: `${latency(
        readiness,
      )}; that route (GET /api/reserve/clusters) p95 ${ms(floor.p95)}, ×${(
        readiness.p95 / floor.p95
      ).toFixed(1)}`,
      met:
        readiness.p95 <= 2 * floor.p95 &&
        readiness.failures === 0 &&
        floor.failures === 0,
    },
    {
      target: 'Readiness vs the Kubernetes plugin (p95)',
      goal: '≥ 20× faster',
      measured: `${ratio.toFixed(
        1,
      )}× (Kubernetes plugin p95 ÷ readiness p95); plugin: ${latency(
        kubernetes,
      )}`,
      met: ratio >= 20 && kubernetes.failures === 0,
    },
    {
      target: `Ownership view of a group owning ${
        full.ownership.rows ?? '?'
      } entities, p95`,
      goal: '≤ 50 ms',
      measured: latency(full.ownership),
      met: full.ownership.p95 <= 50 && full.ownership.failures === 0,
    },
    {
      target: 'Cluster API requests per refresh cycle, nothing changing',
      goal: 'independent of the entity and instance counts (proportional to changes)',
      measured: `${cycleSmall} at ${small.entities} entities, ${cycleFull} at ${
        settings.entities
      } entities${
        instances
          ? `, ${cycleInstances} with ${instances.count} instances on PostgreSQL`
          : ' (instances not measured)'
      }${unlisted(small.steadyCycle, full.steadyCycle)}`,
      met:
        cycleSmall === cycleFull &&
        small.steadyCycle.everyKindListed &&
        full.steadyCycle.everyKindListed &&
        (!instances ||
          (cycleInstances === cycleFull && instances.cycle.everyKindListed)),
    },
    {
      target: `Backend RSS at ${settings.entities} entities`,
      goal: '≤ 400 MB',
      measured: `${mb(rss.rssMb)} after the measurements (peak ${mb(
        full.memory.end.peakRssMb,
      )})`,
      met: full.memory.end.peakRssMb <= 400,
    },
    {
      target: `Readiness while ${hang.cluster} hangs`,
      goal: `no answer delayed past the timeout (${ms(hang.timeoutMs)})`,
      measured: `max ${ms(hang.onHanging.max)} for its entities, ${ms(
        hang.onOthers.max,
      )} for the others`,
      met: hangMax <= hang.timeoutMs && hang.failures === 0,
    },
    freshnessTarget(full.freshness),
    ...(full.load ? loadTargets(full.load) : []),
  ];
}

// A change on a cluster (an image changed on a reserve, then back) until the report shows it.
function freshnessTarget(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1];
  return {
    target: 'A change on a cluster visible in the report (watch)',
    goal: '≤ 2 s',
    measured: `max ${ms(max)}, median ${ms(
      sorted[Math.floor((sorted.length - 1) / 2)],
    )} over ${sorted.length} changes`,
    met: max <= 2000,
  };
}

// The load: no request may fail, and the memory it leaves must be garbage.
function loadTargets(load) {
  const { before, after } = load.memory;
  const ratio = after.rssMb / before.rssMb;
  return [
    {
      target: `Load: ${load.connections} connections × ${Math.round(
        load.seconds,
      )} s, readiness, runbooks and ownership mixed`,
      goal: 'no error (non-2xx, failed or timed out)',
      measured: `${load.answered} answered (${load.perSecond.toFixed(1)}/s): ${
        load.non2xx
      } non-2xx; ${load.errors} errors, of which ${
        load.timeouts
      } timed out after ${load.timeoutSeconds} s; p50 ${ms(
        load.latency.p50,
      )}, p99 ${ms(load.latency.p99)}`,
      met: load.answered > 0 && load.non2xx === 0 && load.errors === 0,
    },
    {
      target: 'Backend RSS after the load (each after a forced full GC)',
      goal: '≤ RSS before it × 1.10',
      measured: `${mb(before.rssMb)} before, ${mb(
        after.rssMb,
      )} after (×${ratio.toFixed(2)}); V8 heap in use ${mb(
        before.heapUsedMb,
      )} → ${mb(after.heapUsedMb)}`,
      met: ratio <= 1.1,
    },
  ];
}

/** The figures behind the targets, and what each is made of. */
export function contextRows(results) {
  const { full, small, settings } = results;
  const hang = full.hang;
  const k8sDuringHang =
    hang.kubernetes.answeredMs === undefined
      ? `no answer within ${ms(hang.kubernetes.gaveUpAfterMs)}`
      : `answered after ${ms(hang.kubernetes.answeredMs)} (HTTP ${
          hang.kubernetes.status
        }); the hang lasted ${ms(hang.kubernetes.hangMs)}`;
  const instances = results.instances
    ? [
        ...results.instances.readiness.map((run, i) => [
          `Readiness on instance ${i + 1} of ${
            results.instances.count
          } (PostgreSQL)`,
          latency(run),
        ]),
        [
          `The ${results.instances.count} instances' reports (verdict, score, check states)`,
          `${results.instances.compared - results.instances.disagreements} of ${
            results.instances.compared
          } entities the same on every instance`,
        ],
        [
          'Cluster requests of a refresh cycle with the instances',
          perCluster(results.instances.cycle.counts),
        ],
        [
          'RSS of each instance',
          results.instances.memory.map(m => mb(m.rssMb)).join(', '),
        ],
      ]
    : [];
  return [
    ['Readiness, 8 concurrent clients', concurrent(full.readiness.concurrent)],
    ...instances,
    [
      'Kubernetes plugin, 8 concurrent clients',
      concurrent(full.kubernetes.concurrent),
    ],
    [
      'Size of one answer (JSON)',
      `readiness ${Math.round(
        full.readiness.answerKb,
      )} KB, Kubernetes plugin ${Math.round(full.kubernetes.answerKb)} KB`,
    ],
    [
      'Cluster requests per Kubernetes plugin call',
      `${full.kubernetes.requestsPerCall}`,
    ],
    [
      'The same cluster requests sent straight to the simulator',
      latency(full.kubernetes.direct),
    ],
    [
      'Part of readiness: an authenticated route that reads no entity (GET /api/reserve/clusters)',
      latency(full.parts.clusters),
    ],
    [
      'Part of readiness: the catalog lookup (GET /api/catalog/entities/by-name/...)',
      latency(full.parts.catalog),
    ],
    [
      'Part of readiness: the permission decision (POST /api/permission/authorize)',
      latency(full.parts.permission),
    ],
    [
      'While one ownership request runs, a GET /api/reserve/clusters sent 0.2 s after it waits',
      ms(full.ownership.blockedMs),
    ],
    [
      `Readiness at ${small.entities} entities (no warm-up, during the cycle count)`,
      latency(small.readiness),
    ],
    [
      'Cluster requests of the first refresh cycle (with API discovery)',
      `${perCluster(small.firstCycle.counts)} at ${
        small.entities
      } entities; ${perCluster(full.firstCycle.counts)} at ${
        settings.entities
      }`,
    ],
    [
      'Cluster requests of a later refresh cycle',
      `${perCluster(small.steadyCycle.counts)} at ${
        small.entities
      } entities; ${perCluster(full.steadyCycle.counts)} at ${
        settings.entities
      }`,
    ],
    [
      'Backend RSS',
      `${mb(small.memory.rssMb)} at ${small.entities} entities once ready; at ${
        settings.entities
      }: ${mb(full.memory.ready.rssMb)} once ready, ${mb(
        full.memory.end.rssMb,
      )} after the measurements`,
    ],
    [
      `While ${hang.cluster} hangs: Kube Reserve reports it`,
      `${hang.reportedState ?? 'still ok'} after ${ms(hang.reportedAfterMs)}${
        hang.reportedMessage ? ` ("${hang.reportedMessage}")` : ''
      }`,
    ],
    [
      `While ${hang.cluster} hangs: readiness`,
      `its entities ${latency(hang.onHanging)}; others ${latency(
        hang.onOthers,
      )}`,
    ],
    [`While ${hang.cluster} hangs: one Kubernetes plugin call`, k8sDuringHang],
    ...(full.load ? loadContext(full.load) : []),
  ];
}

// Each kind of request of the load on its own, and what failed.
function loadContext(load) {
  const rows = Object.entries(load.kinds).map(([kind, s]) => [
    `Load, ${kind}`,
    tail(s),
  ]);
  const errors = Object.entries(load.errorMessages);
  if (errors.length > 0) {
    rows.push([
      'Load, errors',
      errors.map(([message, n]) => `${n} × ${message}`).join('; '),
    ]);
  }
  if (load.timedOut.length > 0) {
    const byPath = new Map();
    for (const { path } of load.timedOut) {
      byPath.set(path, (byPath.get(path) ?? 0) + 1);
    }
    rows.push([
      'Load, requests unanswered when they timed out',
      [...byPath].map(([path, n]) => `${n} × GET ${path}`).join('; '),
    ]);
  }
  if (load.failures.length > 0) {
    rows.push([
      'Load, first non-2xx answers',
      load.failures
        .slice(0, 3)
        .map(f => `${f.status} ${f.path}: ${f.answer}`)
        .join('; '),
    ]);
  }
  return rows;
}

// Kinds a counted cycle failed to list make its count meaningless: say which.
function unlisted(...cycles) {
  const failed = cycles.flatMap(c => c.unlisted ?? []);
  const errors = cycles.map(c => c.error).filter(Boolean);
  if (failed.length === 0 && errors.length === 0) return '';
  return ` (not a clean cycle: ${[...errors, ...failed].join('; ')})`;
}

function concurrent(s) {
  return `${latency(s)}, ${s.perSecond.toFixed(1)} requests/s`;
}

const verdict = met => (met ? 'met' : 'NOT MET');

const byVerb = cycle =>
  Object.entries(
    Object.values(cycle.byVerb ?? {}).reduce((all, verbs) => {
      for (const [verb, n] of Object.entries(verbs)) {
        all[verb] = (all[verb] ?? 0) + n;
      }
      return all;
    }, {}),
  )
    .map(([verb, n]) => `${n} ${verb}`)
    .join(', ');

/**
 * The real control planes beside the simulator: `[figure, real, simulator]` rows, or one row
 * saying why the phase did not run or what failed.
 */
export function realRows(results) {
  const { real, full } = results;
  if (!real || real.skipped) {
    return [['Not run', real?.skipped ?? 'not asked for', '']];
  }
  const rows = [];
  const sim = full;
  const setup = `3 clusters × ${real.services} services (${
    real.services * 4
  } workloads each), Kubernetes ${
    real.versions?.KUBERNETES_VERSION ?? '?'
  }, KWOK ${real.versions?.KWOK_VERSION ?? '?'}; started and seeded in ${
    real.startSeconds === undefined ? '?' : `${Math.round(real.startSeconds)} s`
  }; pods Ready ${
    real.pods
      ? Object.entries(real.pods)
          .map(([name, n]) => `${name} ${n}/${real.expectedPods[name]}`)
          .join(', ')
      : '?'
  }`;
  rows.push([
    'Clusters',
    setup,
    `${results.settings.clusters} simulated clusters × ${results.settings.workloadsPerCluster} workloads, ${results.settings.latencyMs} ms latency`,
  ]);
  if (real.error) rows.push(['Failed', real.error, '']);
  const readinessRow = (r, parts) =>
    r && parts
      ? `p95 ${ms(r.sequential.p95)} (p50 ${ms(r.sequential.p50)}, n=${
          r.sequential.n
        }${
          r.sequential.failures ? `, ${r.sequential.failures} failed` : ''
        }); no-op route p95 ${ms(parts.clusters.p95)}: ×${(
          r.sequential.p95 / parts.clusters.p95
        ).toFixed(1)}`
      : 'n/a';
  rows.push([
    'Entity readiness p95 (goal ≤ 2× the no-op route)',
    readinessRow(real.readiness, real.parts),
    readinessRow(sim.readiness, sim.parts),
  ]);
  const pluginRow = (k, r) =>
    k && r
      ? `${(k.sequential.p95 / r.sequential.p95).toFixed(1)}× (plugin p95 ${ms(
          k.sequential.p95,
        )}, ${Math.round(k.answerKb)} KB)`
      : 'n/a';
  rows.push([
    'Readiness vs the Kubernetes plugin, p95 (goal ≥ 20×)',
    pluginRow(real.kubernetes, real.readiness),
    pluginRow(sim.kubernetes, sim.readiness),
  ]);
  rows.push([
    'Readiness, 8 concurrent clients',
    real.readiness?.concurrent ? concurrent(real.readiness.concurrent) : 'n/a',
    concurrent(sim.readiness.concurrent),
  ]);
  rows.push([
    'Cluster requests of a steady refresh cycle',
    real.steadyCycle
      ? `${perCluster(real.steadyCycle.counts)}: ${
          byVerb(real.steadyCycle) || 'none'
        } (audit logs of the API servers)${unlisted(real.steadyCycle)}`
      : 'n/a',
    `${perCluster(sim.steadyCycle.counts)} (counted at the simulator)`,
  ]);
  rows.push([
    'Cluster requests of the first refresh cycle',
    real.firstCycle
      ? `${perCluster(real.firstCycle.counts)}: ${byVerb(real.firstCycle)}`
      : 'n/a',
    perCluster(sim.firstCycle.counts),
  ]);
  const freshness = samples => {
    if (!samples?.length) return 'n/a';
    const sorted = [...samples].sort((a, b) => a - b);
    return `max ${ms(sorted.at(-1))}, median ${ms(
      sorted[Math.floor((sorted.length - 1) / 2)],
    )} over ${sorted.length} changes`;
  };
  rows.push([
    'A change visible in the report (goal ≤ 2 s)',
    freshness(real.freshness),
    freshness(sim.freshness),
  ]);
  rows.push([
    'Backend RSS after the measurements (peak)',
    real.memory?.end
      ? `${mb(real.memory.end.rssMb)} (peak ${mb(real.memory.end.peakRssMb)})`
      : 'n/a',
    `${mb(sim.memory.end.rssMb)} (peak ${mb(sim.memory.end.peakRssMb)})`,
  ]);
  rows.push([
    'Backend RSS and V8 heap after a forced full GC',
    real.memory?.settled
      ? `${mb(real.memory.settled.rssMb)}, heap ${mb(
          real.memory.settled.heapUsedMb,
        )}`
      : 'n/a',
    sim.load
      ? `${mb(sim.load.memory.before.rssMb)}, heap ${mb(
          sim.load.memory.before.heapUsedMb,
        )} (before the load)`
      : 'n/a',
  ]);
  return rows;
}

function realText(results) {
  const rows = realRows(results);
  const simEntities = results.settings.entities;
  const header = [
    'figure',
    `real control planes (${results.real?.services ?? '?'} entities)`,
    `simulator (${simEntities} entities)`,
  ];
  return [
    'Real control planes (kube-apiserver, etcd, controller manager, scheduler; KWOK runs the pods), beside the simulator:',
    ...rows.map(
      ([what, real, sim]) =>
        `  ${what}:\n      ${header[1]}: ${real}${
          sim ? `\n      ${header[2]}: ${sim}` : ''
        }`,
    ),
    '',
  ];
}

/** The report as plain text for the terminal. */
export function textReport(results) {
  const targets = targetRows(results);
  const width = Math.max(...targets.map(r => r.target.length));
  const goalWidth = Math.max(...targets.map(r => r.goal.length));
  const lines = [
    '',
    `Kube Reserve benchmark (${describeSetup(results)})`,
    '',
    ...targets.map(
      r =>
        `${verdict(r.met).padEnd(8)} ${r.target.padEnd(width)}  ${r.goal.padEnd(
          goalWidth,
        )}  ${r.measured}`,
    ),
    '',
    ...contextRows(results).map(([what, value]) => `  ${what}: ${value}`),
    '',
    ...realText(results),
  ];
  return lines.join('\n');
}

function describeSetup({ settings, machine }) {
  return (
    `the backend ${settings.backend ?? 'from source'}, ` +
    `${settings.clusters} clusters × ${settings.workloadsPerCluster} workloads, ` +
    `${settings.entities} entities, ${settings.latencyMs} ms API latency, refresh every ` +
    `${settings.refresh.frequencySeconds} s with a ${settings.refresh.timeoutSeconds} s timeout; ` +
    `${machine.cpus} CPUs, load ${machine.loadStart.toFixed(
      1,
    )} → ${machine.loadEnd.toFixed(1)}, run ${Math.round(machine.runSeconds)} s`
  );
}

/** The report as Markdown. */
export function markdownReport(results) {
  const cell = text => String(text).replace(/\|/g, '\\|');
  return [
    '# Kube Reserve benchmark: latest run',
    '',
    `Written by \`yarn bench\` on ${results.startedAt} (${describeSetup(
      results,
    )}). See [the README](../README.md) for what is measured and how.`,
    '',
    '| Target | Goal | Measured | Result |',
    '| --- | --- | --- | --- |',
    ...targetRows(results).map(
      r =>
        `| ${cell(r.target)} | ${cell(r.goal)} | ${cell(
          r.measured,
        )} | ${verdict(r.met)} |`,
    ),
    '',
    '| Context | Measured |',
    '| --- | --- |',
    ...contextRows(results).map(
      ([what, value]) => `| ${cell(what)} | ${cell(value)} |`,
    ),
    '',
    '## Real control planes',
    '',
    `| Figure | Real control planes (${
      results.real?.services ?? '?'
    } entities) | Simulator (${results.settings.entities} entities) |`,
    '| --- | --- | --- |',
    ...realRows(results).map(
      ([what, real, sim]) => `| ${cell(what)} | ${cell(real)} | ${cell(sim)} |`,
    ),
    '',
  ].join('\n');
}

// Written as the repository's Prettier writes them, so that `yarn prettier:check` passes with
// the results present.
function formatted(text, parser) {
  const prettier = require('prettier');
  return prettier.format(text, {
    ...prettier.resolveConfig.sync(join(root, 'package.json')),
    parser,
  });
}

/** Writes latest.md and latest.json into `dir`; answers the Markdown file's path. */
export function writeReports(dir, results) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest.json'),
    formatted(JSON.stringify(results), 'json'),
  );
  const file = join(dir, 'latest.md');
  writeFileSync(file, formatted(markdownReport(results), 'markdown'));
  return file;
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const seconds = value =>
  value === undefined ? 'n/a' : `${value.toFixed(value < 10 ? 1 : 0)} s`;

/** The cost table of `--scale`: one row per point, its columns' names first. */
export function scaleRows(results) {
  const header = [
    'clusters × workloads each × entities',
    'first full collection',
    'ready (catalog too)',
    'requests per steady cycle',
    'RSS after full GC',
    'V8 heap after full GC',
    'peak RSS',
    'readiness p50 / p95',
    'ownership (200) p95',
    "keeper's pass, median (wall / CPU)",
    'simulator CPU',
  ];
  const rows = results.scale.map(p => {
    const label = `${p.clusters} × ${p.workloads.toLocaleString(
      'en',
    )} × ${p.entities.toLocaleString('en')}`;
    if (p.error && !p.memory) {
      return [label, `failed: ${p.error}`, ...header.slice(2).map(() => '')];
    }
    const keeper = p.keeper?.length
      ? `${ms(median(p.keeper.map(k => k.wallMs)))} / ${ms(
          median(p.keeper.map(k => k.cpuMs)),
        )}, longest ${ms(Math.max(...p.keeper.map(k => k.wallMs)))} (${
          p.keeper.length
        } passes)`
      : 'n/a';
    return [
      label,
      seconds(p.fullCollectionS ?? p.firstCollectionS),
      seconds(p.readyS),
      p.steadyCycle
        ? `${sum(p.steadyCycle.counts)}${unlisted(p.steadyCycle)}`
        : 'n/a',
      p.memory ? mb(p.memory.rssMb) : 'n/a',
      p.memory ? mb(p.memory.heapUsedMb) : 'n/a',
      p.peakRssMb ? mb(p.peakRssMb) : 'n/a',
      p.readiness ? `${ms(p.readiness.p50)} / ${ms(p.readiness.p95)}` : 'n/a',
      p.ownership ? ms(p.ownership.p95) : 'n/a',
      keeper,
      p.simulatorCpu === undefined
        ? 'n/a'
        : `${Math.round(p.simulatorCpu * 100)}%`,
    ];
  });
  return { header, rows };
}

// How each cost grew from the smallest point measured to each larger one, against the objects.
function growthLines(results) {
  const done = results.scale.filter(p => p.memory);
  if (done.length < 2) return [];
  const [first] = done;
  const ratio = (a, b) =>
    a === undefined || b === undefined ? 'n/a' : `×${(a / b).toFixed(1)}`;
  return done
    .slice(1)
    .map(
      p =>
        `  ${p.entities} vs ${first.entities} entities: workloads ${ratio(
          p.workloads,
          first.workloads,
        )}, first full collection ${ratio(
          p.fullCollectionS ?? p.firstCollectionS,
          first.fullCollectionS ?? first.firstCollectionS,
        )}, V8 heap ${ratio(
          p.memory.heapUsedMb,
          first.memory.heapUsedMb,
        )}, RSS ${ratio(
          p.memory.rssMb,
          first.memory.rssMb,
        )}, readiness p95 ${ratio(
          p.readiness?.p95,
          first.readiness?.p95,
        )}, keeper CPU per pass ${ratio(
          p.keeper?.length ? median(p.keeper.map(k => k.cpuMs)) : undefined,
          first.keeper?.length
            ? median(first.keeper.map(k => k.cpuMs))
            : undefined,
        )}`,
    );
}

function describeScale({ settings, machine }) {
  return (
    `the backend ${settings.backend}, ${settings.latencyMs} ms API latency, refresh every ` +
    `${settings.refresh.frequencySeconds} s with a ${settings.refresh.timeoutSeconds} s timeout; ` +
    `${machine.cpus} CPUs, load ${machine.loadStart.toFixed(
      1,
    )} → ${machine.loadEnd.toFixed(1)}, run ${Math.round(machine.runSeconds)} s`
  );
}

/** The cost table as plain text. */
export function scaleTextReport(results) {
  const { header, rows } = scaleRows(results);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => String(r[i]).length)),
  );
  const line = cells =>
    cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  const failures = results.scale.filter(p => p.error);
  return [
    '',
    `Kube Reserve cost table (${describeScale(results)})`,
    '',
    line(header),
    widths.map(w => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    '',
    ...growthLines(results),
    ...failures.map(
      p => `  ${p.clusters} × ${p.workloads} × ${p.entities}: ${p.error}`,
    ),
    '',
  ].join('\n');
}

/** Writes scale.md and scale.json into `dir`; answers the Markdown file's path. */
export function writeScaleReports(dir, results) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'scale.json'),
    formatted(JSON.stringify(results), 'json'),
  );
  const { header, rows } = scaleRows(results);
  const cell = text => String(text).replace(/\|/g, '\\|');
  const markdown = [
    '# Kube Reserve benchmark: cost table',
    '',
    `Written by \`yarn bench --scale\` on ${results.startedAt} (${describeScale(
      results,
    )}). See [the README](../README.md) for what is measured and how.`,
    '',
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
    '',
    ...growthLines(results).map(l => `- ${l.trim()}`),
    ...results.scale
      .filter(p => p.error)
      .map(p => `- ${p.clusters} × ${p.workloads} × ${p.entities}: ${p.error}`),
    '',
  ].join('\n');
  const file = join(dir, 'scale.md');
  writeFileSync(file, formatted(markdown, 'markdown'));
  return file;
}
