import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Simulator } from '@kube-reserve/cluster-sim';
import { stringify } from 'yaml';
// How the benchmark runs the demo backend from source in a process of its own; it lives beside
// the benchmark, outside any package.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startBackend } from '../../../../bench/lib/backend.mjs';
import { demoCatalogConfig } from './demoCatalog';
import { demoReserveConfig } from './startDemoBackend';

/** An answer of the backend: its status and JSON body. */
export interface ProcessAnswer {
  status: number;
  body: any;
}

/** The demo backend running in a child process of its own, signed in as the demo's guest. */
export interface BackendProcess {
  pid: number;
  url: string;
  get(path: string): Promise<ProcessAnswer>;
  post(path: string, body?: object): Promise<ProcessAnswer>;
  delete(path: string): Promise<ProcessAnswer>;
  /**
   * Kills the process with SIGKILL, as a crash would: the signal is sent before this returns
   * (synchronously); the promise settles once the process is gone.
   */
  kill(): Promise<void>;
  /** The last lines of its output, for failure messages. */
  logTail(lines?: number): string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise(done => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}

// The demo's configuration against a running simulator: its catalog, its cluster facts, every
// cluster's tokens inline (the folder is private and temporary), guest sign-in.
function demoConfig(options: {
  sim: Simulator;
  port: number;
  database: object;
  reserve: object;
}) {
  const { sim, port } = options;
  const caData = Buffer.from(sim.caPem).toString('base64');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: options.database,
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: demoCatalogConfig,
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
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
      ],
    },
    permission: { enabled: true },
    reserve: {
      ...demoReserveConfig,
      ...options.reserve,
      clusters: Object.fromEntries(
        Object.entries(demoReserveConfig.clusters).map(([name, facts]) => [
          name,
          {
            ...facts,
            operatorToken: sim.cluster(name).token('reserve-operator'),
          },
        ]),
      ),
    },
  };
}

// A process's command line; empty once it is gone.
function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

// Signs in as the demo's guest; answers the token and the entities the guest's claims name.
async function signInAsGuest(url: string) {
  const res = await fetch(`${url}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const { backstageIdentity } = await res.json();
  return {
    token: backstageIdentity.token as string,
    ownership: backstageIdentity.identity.ownershipEntityRefs as string[],
  };
}

/**
 * Starts the demo backend (packages/backend, from source, as `yarn start` runs it) in a child
 * process against the simulator's clusters, on `database` (`backend.database`), with `reserve`
 * settings over the demo's; waits until it is ready and the catalog makes the guest an owner
 * of checkout (a member of team-payments). `name` names its files in `dir`.
 */
export async function startBackendProcess(options: {
  sim: Simulator;
  dir: string;
  name: string;
  database: object;
  reserve?: object;
}): Promise<BackendProcess> {
  const port = await freePort();
  const configFile = join(options.dir, `${options.name}.app-config.yaml`);
  const logFile = join(options.dir, `${options.name}.log`);
  writeFileSync(
    configFile,
    stringify(
      demoConfig({
        sim: options.sim,
        port,
        database: options.database,
        reserve: options.reserve ?? {},
      }),
    ),
    { mode: 0o600 },
  );
  const logTail = (lines = 30) =>
    readFileSync(logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  const backend = await startBackend({ configFile, port, logFile }).catch(
    error => {
      throw new Error(`${error.message}:\n${logTail()}`);
    },
  );
  try {
    let token = '';
    const deadline = Date.now() + 60_000;
    for (;;) {
      const guest = await signInAsGuest(backend.url);
      token = guest.token;
      if (guest.ownership.includes('group:default/team-payments')) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the guest never became a member of team-payments:\n${logTail()}`,
        );
      }
      await new Promise(r => setTimeout(r, 250));
    }
    const call = async (
      method: string,
      path: string,
      body?: object,
    ): Promise<ProcessAnswer> => {
      const res = await fetch(`${backend.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    return {
      pid: backend.pid!,
      url: backend.url,
      get: path => call('GET', path),
      post: (path, body) => call('POST', path, body ?? {}),
      delete: path => call('DELETE', path),
      async kill() {
        // Only while the pid is still this backend's: a pid can be reused once it is gone.
        if (commandLineOf(backend.pid!).includes(configFile)) {
          process.kill(backend.pid!, 'SIGKILL');
        }
        await backend.stop();
      },
      logTail,
    };
  } catch (error) {
    await backend.stop();
    throw error;
  }
}
