#!/usr/bin/env node
// `yarn start`: the simulated clusters, then the Backstage backend (:7007) and app (:3000).
// `yarn start:real` (`--real`): real control planes from the same fixtures instead
// (packages/control-planes; binaries built from source by scripts/build-kube-binaries.sh, half an
// hour the first time), on the same ports, so app-config.yaml serves both.
//
// The simulator writes a fresh kubeconfig and keeps its CA under .cluster-sim/; this script then
// writes the CA (base64) and each cluster's tokens there too, which app-config.yaml reads with
// $file, so that no demo secret is copied into the config.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { parse } = createRequire(import.meta.url)('yaml');
const stateDir = join(root, '.cluster-sim');
const fixtures = join(root, 'examples/clusters');
const kubeconfig = join(stateDir, 'kubeconfig');
const adminPort = process.env.CLUSTER_SIM_ADMIN_PORT ?? '6440';

mkdirSync(stateDir, { recursive: true });
rmSync(kubeconfig, { force: true });

const children = [];
function run(command, args, name) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    console.error(
      `[demo] ${name} exited (${signal ?? code}); stopping the demo`,
    );
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const real = process.argv.includes('--real');
// The real control planes' CA, apart from the simulator's ca.crt and ca.key, which it reuses.
const realCa = join(stateDir, 'control-planes-ca.crt');
if (real) {
  const { kubeBinaries } = createRequire(import.meta.url)(
    '../tools/kube-binaries/index.cjs',
  );
  console.log('[demo] Kubernetes binaries (built from source when missing)');
  kubeBinaries({ build: true });
  run(
    process.execPath,
    [
      join(root, 'packages/control-planes/bin/control-planes'),
      '--fixtures',
      fixtures,
      '--ports',
      'fixture',
      '--kubeconfig',
      kubeconfig,
      '--ca-file',
      realCa,
      // Velero for real: a local S3 object store and `velero server` per cluster, so that
      // "Back up now" and "Run a restore drill" on the Reserve tab run against real Velero.
      '--velero',
    ],
    'control-planes',
  );
} else {
  run(
    process.execPath,
    [
      join(root, 'packages/cluster-sim/bin/cluster-sim'),
      '--fixtures',
      fixtures,
      '--kubeconfig',
      kubeconfig,
      '--state-dir',
      stateDir,
      '--admin-port',
      adminPort,
    ],
    'cluster-sim',
  );
}

// The kubeconfig is written once every cluster listens.
const deadline = Date.now() + (real ? 180_000 : 60_000);
while (!existsSync(kubeconfig)) {
  if (Date.now() > deadline || stopping) {
    console.error(
      `[demo] the clusters did not start within ${real ? 180 : 60} s`,
    );
    shutdown(1);
    break;
  }
  await sleep(200);
}

if (!stopping) {
  writeFileSync(
    join(stateDir, 'ca.b64'),
    readFileSync(real ? realCa : join(stateDir, 'ca.crt')).toString('base64'),
    { mode: 0o600 },
  );
  for (const dir of readdirSync(fixtures)) {
    const file = join(fixtures, dir, 'cluster.yaml');
    if (!statSync(join(fixtures, dir)).isDirectory() || !existsSync(file))
      continue;
    const cluster = parse(readFileSync(file, 'utf8'));
    for (const token of cluster.tokens ?? []) {
      writeFileSync(
        join(stateDir, `${cluster.name}.${token.name}.token`),
        token.token,
        {
          mode: 0o600,
        },
      );
    }
  }
  console.log(
    `[demo] clusters up; kubectl --kubeconfig ${kubeconfig} config get-contexts`,
  );
  run('yarn', ['dev'], 'backstage');
}
