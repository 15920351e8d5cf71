// The demo backend for the fuzz run: the demo's simulated clusters (examples/clusters) on free
// ports and packages/backend from source with app-config.yaml's settings, pointed at them, on a
// free port of the loopback. Nothing of a running `yarn start` is touched.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const require = createRequire(import.meta.url);
const { parse, stringify } = require('yaml');

/** A port the OS considers free now. */
async function freePort() {
  const server = createServer();
  await new Promise(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise(done => server.close(done));
  return port;
}

/** Polls `probe` every half second until it answers true; throws after `timeoutMs`. */
async function until(what, timeoutMs, probe) {
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

/**
 * app-config.yaml's demo (catalog, guest sign-in, permissions, reserve policy and pairs), with
 * the clusters' addresses, tokens and CA of the running simulator, and the backend's port.
 */
function demoConfig({ sim, port }) {
  const config = parse(readFileSync(join(root, 'app-config.yaml'), 'utf8'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const caData = Buffer.from(sim.caPem).toString('base64');
  config.app.baseUrl = baseUrl;
  config.backend.baseUrl = baseUrl;
  config.backend.listen = { host: '127.0.0.1', port };
  config.backend.cors.origin = baseUrl;
  for (const location of config.catalog.locations) {
    location.target = resolve(root, 'packages/backend', location.target);
  }
  config.kubernetes.clusterLocatorMethods = [
    {
      type: 'config',
      clusters: sim.clusters.map(cluster => ({
        name: cluster.name,
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: cluster.token('reserve-reader'),
        caData,
      })),
    },
  ];
  for (const [name, facts] of Object.entries(config.reserve.clusters)) {
    facts.operatorToken = sim.cluster(name).token('reserve-operator');
  }
  return config;
}

/**
 * Starts the simulated clusters and the demo backend; resolves once the backend answers, the
 * catalog holds the demo's services and every cluster has been collected. Answers
 * `{ url, token(), stop() }`; the backend's output goes to `logFile`.
 */
export async function startDemoBackend({ dir, logFile }) {
  // The simulator is TypeScript run from source, as its CLI does.
  require('@backstage/cli/config/nodeTransform.cjs');
  const { startSimulator } = require('@kube-reserve/cluster-sim');
  const sim = await startSimulator({
    fixturesDir: join(root, 'examples/clusters'),
    ports: 'free',
    pace: 1000,
    onControllerError: () => {},
  });
  const port = await freePort();
  const configFile = join(dir, 'app-config.fuzz.yaml');
  writeFileSync(configFile, stringify(demoConfig({ sim, port })), {
    mode: 0o600,
  });

  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      configFile,
    ],
    {
      cwd: join(root, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const exited = new Promise(done => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const token = async () => {
    const res = await fetch(`${url}/api/auth/guest/refresh`);
    if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
    return (await res.json()).backstageIdentity.token;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await sim.stop();
  };
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the backend exited (${child.exitCode}), see ${logFile}`);
    }
  };
  try {
    await until('the backend to answer', 180_000, async () => {
      alive();
      return (await fetch(`${url}/.backstage/health/v1/readiness`)).ok;
    });
    await until('the demo catalog', 120_000, async () => {
      alive();
      const res = await fetch(
        `${url}/api/catalog/entities/by-query?filter=kind=component&limit=20`,
        { headers: { Authorization: `Bearer ${await token()}` } },
      );
      return res.ok && (await res.json()).items.length === 10;
    });
    await until('every simulated cluster collected', 120_000, async () => {
      alive();
      const res = await fetch(`${url}/api/reserve/clusters`, {
        headers: { Authorization: `Bearer ${await token()}` },
      });
      const { clusters } = await res.json();
      return clusters.every(c => c.status.state === 'ok');
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, token, stop };
}
