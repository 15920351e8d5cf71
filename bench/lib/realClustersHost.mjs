// Real control planes for the benchmark (packages/control-planes: etcd, kube-apiserver with RBAC,
// controller manager, scheduler, KWOK), in a process of their own, as the simulator is
// (simulatorHost.mjs): started by realClusters.mjs over an IPC channel, stopped when it closes.
//
// The clusters are the simulator's fixtures (clusterFixtures.mjs) without the services, which
// this process then creates itself, several at a time, so that it can say how far it got; then
// it waits for the controllers and KWOK to run their pods. Each API server writes an audit log of
// the requests made with the fixture's tokens (what the backend uses), which is how the
// benchmark counts the cluster requests of a refresh cycle at the real API server.
import {
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { clusterFixtures } from './clusterFixtures.mjs';
import { layoutOf, servicesOn } from './fixtures.mjs';
import { serviceObjects } from './serviceObjects.mjs';

const require = createRequire(import.meta.url);
// The control planes are TypeScript run from source, as their CLI does.
require('@backstage/cli/config/nodeTransform.cjs');
const { startControlPlanes } = require('@kube-reserve/control-planes');
const { kubeBinaries } = require('../../tools/kube-binaries/index.cjs');
const { stringify } = require('yaml');

const say = message => process.send({ type: 'progress', message });
const { workDir, services, concurrency } = JSON.parse(
  process.env.BENCH_REAL_OPTIONS,
);
const layout = layoutOf({ clusters: 3, services });

// Only the fixture's tokens are audited (the backend's requests, and the benchmark's own PATCH):
// the controllers, the scheduler and KWOK use the admin token and are left out. RequestReceived
// counts each request once, when it arrives (a watch included); ResponseStarted is left out.
const USERS = ['reserve-reader', 'reserve-operator'].map(
  name => `system:serviceaccount:kube-system:${name}`,
);
const policyFile = join(workDir, 'audit-policy.yaml');
writeFileSync(
  policyFile,
  `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [ResponseStarted]
rules:
  - level: Metadata
    users: [${USERS.map(u => `"${u}"`).join(', ')}]
  - level: None
`,
);

// kube-apiserver behind a wrapper that adds the audit flags: control-planes starts it with
// `--cert-dir=<workDir>/<cluster>`, where its audit log goes.
const found = kubeBinaries();
const wrapper = join(workDir, 'kube-apiserver-audited');
writeFileSync(
  wrapper,
  `#!/bin/sh
dir=
for arg in "$@"; do
  case "$arg" in --cert-dir=*) dir="\${arg#--cert-dir=}" ;; esac
done
exec "${found.paths['kube-apiserver']}" "$@" --audit-policy-file="${policyFile}" \\
  --audit-log-path="$dir/audit.log" --audit-log-format=json --audit-log-maxsize=0
`,
  { mode: 0o755 },
);

// The clusters as a fixture folder (cluster-sim's format: a cluster.yaml and manifests per
// cluster), which control-planes loads as the demo's, `${now-20m}` and the like expanded.
function writeFixtures(dir) {
  for (const { manifests, ...cluster } of clusterFixtures(layout, {
    withServices: false,
  })) {
    mkdirSync(join(dir, cluster.name), { recursive: true });
    writeFileSync(join(dir, cluster.name, 'cluster.yaml'), stringify(cluster));
    writeFileSync(
      join(dir, cluster.name, 'manifests.yaml'),
      manifests.map(m => stringify(m)).join('---\n'),
    );
  }
  return dir;
}

const auditLog = name => join(workDir, 'planes', name, 'audit.log');

// Audit events from `offset` on: requests received, by verb (get, list, watch, patch...).
function auditCounts(name, offset) {
  const file = auditLog(name);
  let size;
  try {
    size = statSync(file).size;
  } catch {
    return { total: 0, byVerb: {}, size: 0 };
  }
  const length = Math.max(0, size - offset);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  const byVerb = {};
  let total = 0;
  for (const line of buffer.toString('utf8').split('\n')) {
    if (!line) continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      continue; // a line still being written
    }
    if (event.stage !== 'RequestReceived') continue;
    total++;
    // A GET of no object: /version, or API discovery (/api, /apis and their group versions).
    const path = event.requestURI.split('?')[0];
    const verb =
      event.verb === 'get' && event.objectRef === undefined
        ? path === '/version'
          ? 'get /version'
          : 'discovery'
        : event.verb;
    byVerb[verb] = (byVerb[verb] ?? 0) + 1;
  }
  return { total, byVerb, size };
}

// Until the control planes are up, a closed channel (the benchmark gone) ends this process: the
// control planes' watchdog then stops every program started so far.
let planes;
process.on('disconnect', () => {
  if (!planes) process.exit(1);
});

const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);
say(
  `starting etcd and ${layout.clusters.length} control planes (kube-apiserver, controller manager, scheduler, KWOK)`,
);
planes = await startControlPlanes({
  fixturesDir: writeFixtures(join(workDir, 'fixtures')),
  workDir: join(workDir, 'planes'),
  binaries: { ...found.paths, 'kube-apiserver': wrapper },
});
let stopping = false;
process.on('disconnect', async () => {
  stopping = true;
  await planes.stop();
  process.exit(0);
});
say(
  `control planes up after ${seconds()} s; creating ${services} services' objects on each`,
);

// The services' objects, as the fixture would have them applied, several services at a time;
// the status a fixture declares is its controllers' to write on a real cluster.
const FIELD_MANAGER = 'kube-reserve-bench';
const created = Object.fromEntries(planes.clusters.map(c => [c.name, 0]));
const ticker = setInterval(
  () =>
    say(
      `created services: ${Object.entries(created)
        .map(([name, n]) => `${name} ${n}/${services}`)
        .join(', ')} (${seconds()} s)`,
    ),
  10_000,
);
await Promise.all(
  planes.clusters.map(async cluster => {
    const facts = layout.clusters.find(c => c.name === cluster.name);
    const queue = [...servicesOn(cluster.name, layout)];
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        for (const { status: _status, ...object } of serviceObjects(i, facts)) {
          await cluster.admin.apply(object, FIELD_MANAGER);
        }
        created[cluster.name]++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }),
);
clearInterval(ticker);

// The pods the workloads ask for (Deployments and StatefulSets; the CronJobs do not run now).
const expectedPods = Object.fromEntries(
  layout.clusters.map(facts => [
    facts.name,
    servicesOn(facts.name, layout)
      .flatMap(i => serviceObjects(i, facts))
      .filter(o => o.kind === 'Deployment' || o.kind === 'StatefulSet')
      .reduce((sum, o) => sum + o.spec.replicas, 0),
  ]),
);
async function runningPods() {
  const counts = {};
  for (const cluster of planes.clusters) {
    const list = await cluster.admin.request(
      'GET',
      '/api/v1/pods?fieldSelector=status.phase%3DRunning',
    );
    counts[cluster.name] = list.items.filter(pod =>
      (pod.status?.conditions ?? []).some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
    ).length;
  }
  return counts;
}
const podsFrom = Date.now();
let pods = await runningPods();
const allRunning = counts =>
  Object.entries(expectedPods).every(([name, n]) => counts[name] >= n);
while (!allRunning(pods) && Date.now() - podsFrom < 10 * 60_000 && !stopping) {
  say(
    `pods Ready (KWOK): ${Object.entries(pods)
      .map(([name, n]) => `${name} ${n}/${expectedPods[name]}`)
      .join(', ')} (${seconds()} s)`,
  );
  await new Promise(done => setTimeout(done, 10_000));
  pods = await runningPods();
}

const operations = {
  // Audit log offsets: counts start from here.
  reset: () => {
    for (const cluster of planes.clusters) {
      offsets[cluster.name] = auditCounts(cluster.name, 0).size;
    }
  },
  counts: () =>
    Object.fromEntries(
      planes.clusters.map(c => {
        const { total, byVerb } = auditCounts(c.name, offsets[c.name] ?? 0);
        return [c.name, { total, byVerb }];
      }),
    ),
  pods: () => runningPods(),
};
const offsets = {};

process.on('message', ({ id, op, args }) => {
  Promise.resolve()
    .then(() => operations[op](args ?? {}))
    .then(
      result => process.send({ id, result }),
      error => process.send({ id, error: String(error?.message ?? error) }),
    );
});

process.send({
  type: 'ready',
  caPem: planes.caPem,
  versions: found.versions,
  startSeconds: seconds(),
  pods,
  expectedPods,
  clusters: planes.clusters.map(c => ({
    name: c.name,
    url: c.url,
    tokens: {
      'reserve-reader': c.token('reserve-reader'),
      'reserve-operator': c.token('reserve-operator'),
    },
  })),
});
