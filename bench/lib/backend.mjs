// Starts the demo backend (packages/backend, the same code `yarn start` runs, from source) with
// a generated configuration, waits until it is ready, and reads its memory.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CLUSTERS, DEFAULT_PAIR, catalogEntities } from './fixtures.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const require = createRequire(import.meta.url);
const { stringify } = require('yaml');

/**
 * Writes the backend's configuration and catalog into `dir`: SQLite in memory, guest sign-in,
 * the catalog's groups and `entityCount` services, the simulated clusters for the Kubernetes
 * plugin and Kube Reserve (their reader token and CA inline: the folder is private and
 * deleted after the run), and `reserve.refresh`. Answers the config file's path.
 */
export function writeBackendConfig({ dir, port, sim, entityCount, refresh }) {
  const catalogFile = join(dir, `catalog-${entityCount}.yaml`);
  writeFileSync(
    catalogFile,
    catalogEntities(entityCount)
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
      database: { client: 'better-sqlite3', connection: ':memory:' },
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
        CLUSTERS.map(({ name, role, site, provider, region }) => [
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
      pairs: [DEFAULT_PAIR],
      refresh: {
        frequency: { seconds: refresh.frequencySeconds },
        timeout: { seconds: refresh.timeoutSeconds },
      },
      velero: { namespace: 'velero' },
    },
  };
  const configFile = join(dir, `app-config-${entityCount}.yaml`);
  writeFileSync(configFile, stringify(config), { mode: 0o600 });
  return configFile;
}

/**
 * Starts packages/backend/src/index.ts the way `backstage-cli package start` runs it (Node with
 * Backstage's TypeScript transform and source maps), minus the file watcher, in production mode.
 * Its output goes to `logFile`. Answers `{ pid, url, logFile, stop() }` once it answers health
 * checks.
 */
export async function startBackend({
  configFile,
  port,
  logFile,
  nodeArgs = [],
}) {
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      // Where the inspector listens once SIGUSR1 opens it (lib/inspector.mjs, to force a full
      // garbage collection); a free port of the loopback, and nothing listens before that.
      '--inspect-port=127.0.0.1:0',
      ...nodeArgs,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      configFile,
    ],
    {
      cwd: join(root, 'packages/backend'),
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
