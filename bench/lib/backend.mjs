// Starts the demo backend (packages/backend, the same code `yarn start` runs, from source) with
// a generated configuration, waits until it is ready, and reads its memory.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LAYOUT, catalogEntities } from './fixtures.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const require = createRequire(import.meta.url);
const { parse, stringify } = require('yaml');

/**
 * Writes the backend's configuration and catalog into `dir`: `database` (SQLite in memory by
 * default), guest sign-in,
 * the catalog's groups and `entityCount` services, the simulated clusters for the Kubernetes
 * plugin and Kube Reserve (their reader token and CA inline: the folder is private and
 * deleted after the run), and `reserve.refresh`. Answers the config file's path.
 */
export function writeBackendConfig({
  dir,
  port,
  sim,
  entityCount,
  refresh,
  database = { client: 'better-sqlite3', connection: ':memory:' },
  name = `${entityCount}`,
  layout = DEFAULT_LAYOUT,
}) {
  const catalogFile = join(dir, `catalog-${entityCount}.yaml`);
  writeFileSync(
    catalogFile,
    catalogEntities(entityCount, layout)
      .map(entity => stringify(entity))
      .join('---\n'),
  );
  const caData = Buffer.from(sim.caPem).toString('base64');
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = {
    app: { title: 'Kube Reserve benchmark', baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database,
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: sim.clusters.map(cluster => ({
            name: cluster.name,
            url: cluster.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: cluster.tokens['reserve-reader'],
            caData,
          })),
        },
      ],
    },
    permission: { enabled: true },
    reserve: {
      clusters: Object.fromEntries(
        layout.clusters.map(({ name, role, site, provider, region }) => [
          name,
          {
            role,
            site,
            provider,
            region,
            operatorToken: sim.clusters.find(c => c.name === name).tokens[
              'reserve-operator'
            ],
          },
        ]),
      ),
      pairs: [layout.defaultPair],
      refresh: {
        frequency: { seconds: refresh.frequencySeconds },
        timeout: { seconds: refresh.timeoutSeconds },
      },
      velero: { namespace: 'velero' },
    },
  };
  const configFile = join(dir, `app-config-${name}.yaml`);
  writeFileSync(configFile, stringify(config), { mode: 0o600 });
  return configFile;
}

/**
 * The configuration the app's build reads (the backend's build builds the app, its bundled
 * dependency, with it): the repository's app-config.yaml, each `$file` it includes given as an
 * absolute path, and one the demo has not written yet (its .cluster-sim/ tokens and CA, which
 * only `yarn start` writes) replaced by a placeholder, so that a fresh checkout builds; those
 * values are the backend's, never the app's. Written to `file`; answers its path.
 */
function appBuildConfig(file) {
  const resolveFiles = value => {
    if (Array.isArray(value)) return value.map(resolveFiles);
    if (!value || typeof value !== 'object') return value;
    if (typeof value.$file === 'string') {
      const target = resolve(root, value.$file);
      return existsSync(target) ? { $file: target } : 'bench-build-placeholder';
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, resolveFiles(v)]),
    );
  };
  const config = parse(readFileSync(join(root, 'app-config.yaml'), 'utf8'));
  writeFileSync(file, stringify(resolveFiles(config)), { mode: 0o600 });
  return file;
}

/**
 * Builds packages/backend as it is deployed (`backstage-cli package build`: the backend and the
 * workspace packages it uses, compiled and bundled) and unpacks the bundle into bench/.dist,
 * where those packages resolve to their built copies and every other dependency to the
 * repository's node_modules (the folder is inside the repository). Answers the entry file to
 * give `startBackend`. The build's output goes to `logFile`.
 */
export function buildBackend({ logFile }) {
  const log = openSync(logFile, 'a');
  const build = spawnSync(
    'yarn',
    [
      'workspace',
      'backend',
      'build',
      '--config',
      appBuildConfig(join(dirname(logFile), 'app-config.build.yaml')),
    ],
    { cwd: root, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  if (build.status !== 0) {
    throw new Error(`building the backend failed, see ${logFile}`);
  }
  const dist = join(root, 'bench/.dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const unpack = spawnSync('tar', [
    '-xzf',
    join(root, 'packages/backend/dist/bundle.tar.gz'),
    '-C',
    dist,
  ]);
  if (unpack.status !== 0) {
    throw new Error(`unpacking the backend's bundle failed: ${unpack.stderr}`);
  }
  // Each bundled workspace package, by its name, where the others look for it first.
  for (const folder of ['packages', 'plugins']) {
    for (const name of readdirSync(join(dist, folder))) {
      const packageDir = join(dist, folder, name);
      const { name: packageName } = JSON.parse(
        readFileSync(join(packageDir, 'package.json'), 'utf8'),
      );
      const link = join(dist, 'node_modules', packageName);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(packageDir, link);
    }
  }
  return join(dist, 'packages/backend/dist/index.cjs.js');
}

/**
 * Starts the built backend (`entry`, from buildBackend) when given, else
 * packages/backend/src/index.ts the way `backstage-cli package start` runs it (Node with
 * Backstage's TypeScript transform and source maps), minus the file watcher, in production mode.
 * Its output goes to `logFile`. Answers `{ pid, url, logFile, stop() }` once it answers health
 * checks.
 */
export async function startBackend({
  configFile,
  port,
  logFile,
  nodeArgs = [],
  entry = '',
}) {
  const log = openSync(logFile, 'a');
  const program = entry
    ? [entry]
    : [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
      ];
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      // Where the inspector listens once SIGUSR1 opens it (lib/inspector.mjs, to force a full
      // garbage collection); a free port of the loopback, and nothing listens before that.
      '--inspect-port=127.0.0.1:0',
      ...nodeArgs,
      ...program,
      '--config',
      configFile,
    ],
    {
      cwd: entry ? dirname(dirname(entry)) : join(root, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const exited = new Promise(done => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const backend = {
    pid: child.pid,
    url,
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
  try {
    await until('the backend to answer', 180_000, async () => {
      if (child.exitCode !== null) {
        throw new Error(`the backend exited (${child.exitCode}), see below`);
      }
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      return res.ok;
    });
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

/** A token of the guest user, as the demo's sign-in gives it. */
export async function guestToken(url) {
  const res = await fetch(`${url}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = field =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Polls `probe` every half second until it answers true; throws after `timeoutMs`. */
export async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
      if (/exited/.test(error.message)) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gave up waiting for ${what}${last ? `: ${last.message}` : ''}`,
      );
    }
    await sleep(500);
  }
}
