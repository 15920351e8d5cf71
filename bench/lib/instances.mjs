// Two backend instances on one PostgreSQL, as Backstage scales out: one collects each cluster
// (Kube Reserve's cluster leases), both answer readiness from what it collected.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  guestToken,
  memoryOf,
  startBackend,
  writeBackendConfig,
} from './backend.mjs';
import { BackendClient } from './client.mjs';
import { countRefreshCycle } from './cycles.mjs';
import { entityAt } from './fixtures.mjs';
import { awaitReady } from './phases.mjs';
import { runSequential } from './measure.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

// A throwaway PostgreSQL (scripts/test-postgres.sh, Debian's postgresql); its environment lines.
function startPostgres() {
  const exports = execFileSync(join(root, 'scripts/test-postgres.sh'), {
    encoding: 'utf8',
  });
  const env = Object.fromEntries(
    [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map(m => [m[1], m[2]]),
  );
  const connection = Object.entries(env).find(([key]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
  )?.[1];
  return {
    connection,
    stop: async () =>
      execFileSync(join(root, 'scripts/test-postgres.sh'), ['--stop'], {
        env: { ...process.env, ...env },
      }),
  };
}

/**
 * Starts `count` backends with `entityCount` entities on one PostgreSQL, one after the other;
 * counts the cluster requests of a refresh cycle with all of them running, and measures
 * readiness on each (the same entities), comparing their verdicts and scores. Answers the
 * figures; `addCleanup` is given what stops each thing started.
 */
export async function measureInstances({
  count,
  sim,
  workDir,
  entry,
  entityCount,
  refresh,
  samples,
  freePort,
  addCleanup,
  progress,
}) {
  const postgres = startPostgres();
  addCleanup(postgres.stop);
  if (!postgres.connection) throw new Error('no PostgreSQL connection string');
  const database = {
    client: 'pg',
    connection: postgres.connection,
    prefix: 'bench_',
  };
  const clients = [];
  const backends = [];
  for (let i = 1; i <= count; i++) {
    progress(`starting instance ${i} of ${count} on PostgreSQL`);
    const port = await freePort();
    const configFile = writeBackendConfig({
      dir: workDir,
      port,
      sim,
      entityCount,
      refresh,
      database,
      name: `instance-${i}`,
    });
    const backend = await startBackend({
      configFile,
      port,
      logFile: join(workDir, `instance-${i}.log`),
      entry,
    });
    addCleanup(() => backend.stop());
    backends.push(backend);
    const client = new BackendClient(
      backend.url,
      await guestToken(backend.url),
    );
    await awaitReady({ client, entityCount, timeoutMs: 180_000 });
    clients.push(client);
  }
  progress(`counting the requests of a refresh cycle with ${count} instances`);
  const periodMs = refresh.frequencySeconds * 1000;
  const cycle = await countRefreshCycle({ client: clients[0], sim, periodMs });

  progress(`readiness on each instance, and whether they agree`);
  const readiness = [];
  for (const client of clients) {
    readiness.push(
      await runSequential({
        count: samples,
        budgetMs: 30_000,
        request: i => client.readiness(entityAt(i, entityCount)),
      }),
    );
  }
  let disagreements = 0;
  const compared = Math.min(samples, entityCount);
  for (let i = 0; i < compared; i++) {
    const answers = await Promise.all(
      clients.map(client => client.readiness(entityAt(i, entityCount))),
    );
    const judged = answers.map(a =>
      JSON.stringify([
        a.body.verdict,
        a.body.score,
        a.body.checks.map(c => [c.id, c.state]),
      ]),
    );
    if (judged.some(j => j !== judged[0])) disagreements++;
  }
  return {
    count,
    cycle,
    readiness,
    compared,
    disagreements,
    memory: backends.map(b => memoryOf(b.pid)),
  };
}
