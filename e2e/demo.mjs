// Starts the demo (`yarn start`'s script) for the browser tests, or uses one already running
// at E2E_BASE_URL, and waits until the catalog and every simulated cluster are ready.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
export const appUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const backendUrl =
  process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';

/** The cluster simulator's admin endpoint, where faults are switched on and off. */
export const simulatorAdminUrl = `http://127.0.0.1:${
  process.env.CLUSTER_SIM_ADMIN_PORT ?? '6440'
}`;

/**
 * Switches faults on a simulated cluster, as `yarn cluster-sim fault <cluster>` does, e.g.
 * `{ refuseConnections: true }`; `undefined` clears them all.
 */
export async function setFaults(cluster, faults) {
  const res = await fetch(
    `${simulatorAdminUrl}/clusters/${encodeURIComponent(cluster)}/faults`,
    faults
      ? {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(faults),
        }
      : { method: 'DELETE' },
  );
  if (!res.ok) {
    throw new Error(`the simulator's admin endpoint answered ${res.status}`);
  }
  return (await res.json()).faults;
}

/** A token of the demo's guest user (a member of team-payments). */
export async function guestToken() {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gave up waiting for ${what}${last ? `: ${last.message}` : ''}`,
      );
    }
    await sleep(1000);
  }
}

/** Starts the demo unless one is running; resolves to a function that stops what it started. */
export async function startDemo() {
  let child;
  const running = await fetch(appUrl).then(
    r => r.ok,
    () => false,
  );
  if (!running) {
    child = spawn(process.execPath, [resolve(root, 'scripts/demo.mjs')], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BROWSER: 'none' },
    });
  }
  const stop = async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await sleep(2000);
    }
  };
  try {
    await until(
      'the app on :3000',
      300_000,
      async () => (await fetch(appUrl)).ok,
    );
    await until('the demo catalog', 120_000, async () => {
      const res = await fetch(
        `${backendUrl}/api/catalog/entities/by-query?filter=kind=component&limit=20`,
        { headers: { Authorization: `Bearer ${await guestToken()}` } },
      );
      return res.ok && (await res.json()).items.length === 10;
    });
    await until('every simulated cluster collected', 120_000, async () => {
      const res = await fetch(`${backendUrl}/api/reserve/clusters`, {
        headers: { Authorization: `Bearer ${await guestToken()}` },
      });
      const { clusters } = await res.json();
      return (
        clusters.length === 3 && clusters.every(c => c.status.state === 'ok')
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
