import {
  ActionExecution,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { createCapturedLog } from './__testUtils__/capturedLog';
import { demoSecretValues, secretsIn } from './__testUtils__/demoSecrets';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(180_000);

const ACTIONS = ['backup-now', 'restore-drill', 'failover', 'failback'];

interface CatalogEntity {
  kind: string;
  metadata: { namespace?: string; name: string };
}

describe('secrets never leave the backend', () => {
  let demo: DemoBackend;
  const log = createCapturedLog();
  const consoleLines: string[] = [];
  const responses: string[] = [];
  const restoreConsole: Array<() => void> = [];

  // Every answer the test reads, with what was asked, goes into the scan.
  const record = async (call: request.Test, what: string) => {
    const res = await call;
    responses.push(`${what} → ${res.status}\n${res.text}`);
    return res;
  };
  const get = (path: string) => record(demo.get(path), `GET ${path}`);
  const post = (path: string, body: object) =>
    record(demo.post(path, body), `POST ${path}`);

  const entityPath = (entity: CatalogEntity) =>
    `/api/reserve/entities/${entity.kind.toLowerCase()}/${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`;
  const readEverything = async (entities: CatalogEntity[]) => {
    await get('/api/reserve/clusters');
    for (const entity of entities) {
      for (const view of ['readiness', 'runbooks', 'executions']) {
        await get(`${entityPath(entity)}/${view}`);
      }
    }
  };
  const finished = async (id: string) => {
    const deadline = Date.now() + 60_000;
    while (
      (await get(`/api/reserve/executions/${id}`)).body.state === 'running'
    ) {
      if (Date.now() > deadline) {
        throw new Error(`execution ${id} still running after a minute`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  };
  const faultSeen = (cluster: string, seen: (s: ClusterSummary) => boolean) =>
    demo.waitForClusterSummaries(`${cluster} showing its fault`, all =>
      seen(all.find(c => c.name === cluster)!),
    );

  beforeAll(async () => {
    // Anything written to the console counts as a log line too.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
      };
      restoreConsole.push(() => {
        console[method] = original;
      });
    }
    demo = await startDemoBackend({
      features: [log.factory],
      reserve: { refresh: fastRefresh },
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(states =>
      Object.values(states).every(s => s === 'ok'),
    );
  });

  afterAll(async () => {
    await demo?.stop();
    restoreConsole.forEach(restore => restore());
  });

  it('puts no demo Secret value and no cluster token in any answer or log line', async () => {
    const catalog = await demo.get('/api/catalog/entities');
    const entities: CatalogEntity[] = catalog.body;
    expect(entities.length).toBeGreaterThan(20);

    // Every read of every entity, every group's ownership, healthy.
    await readEverything(entities);
    for (const group of entities.filter(e => e.kind === 'Group')) {
      for (const aggregate of [false, true]) {
        await get(
          `/api/reserve/ownership?group=group:default/${group.metadata.name}&aggregate=${aggregate}`,
        );
      }
    }

    // Every action of checkout planned, and run where it can be: the steps' logs and audit
    // events name objects read from the clusters.
    const checkout = entities.find(e => e.metadata.name === 'checkout')!;
    const executions: string[] = [];
    for (const action of ACTIONS) {
      const plan = await post(
        `${entityPath(checkout)}/actions/${action}/plan`,
        {},
      );
      if (plan.status === 200) {
        const run = await post(
          `${entityPath(checkout)}/actions/${action}/executions`,
          { planId: plan.body.id, confirmation: 'checkout' },
        );
        if (run.status !== 202) {
          throw new Error(`${action} did not start: ${run.text}`);
        }
        executions.push(action);
        await finished((run.body as ActionExecution).id);
      }
    }

    // Clusters in trouble: a refused token, a forbidden kind and a broken Secret listing are
    // logged and reported; none of it may carry what the request or the answer held.
    demo.sim.cluster('reserve-ams').faults.set({ unauthorized: true });
    demo.sim.cluster('prod-fra').faults.set({
      forbiddenResources: ['configmaps'],
      malformedResources: { secrets: 'invalid-json' },
    });
    demo.sim
      .cluster('reserve-fra-b')
      .faults.set({ malformedResources: { secrets: 'no-metadata' } });
    await faultSeen('reserve-ams', s => s.status.state === 'unauthorized');
    await faultSeen(
      'prod-fra',
      s => s.status.kinds.secrets?.state === 'failed',
    );
    await faultSeen(
      'reserve-fra-b',
      s => s.status.kinds.secrets?.message !== undefined,
    );
    await readEverything(entities.filter(e => e.kind === 'Component'));
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());

    const secrets = demoSecretValues();
    const logLines = [...log.lines, ...consoleLines];
    const found = secretsIn([...responses, ...logLines], secrets);
    process.stdout.write(
      `secrets found: ${found.length} in ${responses.length} responses and ${logLines.length} log lines (${secrets.length} secret values looked for)\n`,
    );
    expect(executions).toEqual(ACTIONS);
    expect(secrets.length).toBeGreaterThan(40);
    // The scan finds what it looks for: every cluster's Secrets as the API serves them.
    const served = demo.sim.clusters.map(cluster =>
      JSON.stringify(cluster.objects.list('secrets')),
    );
    expect(secretsIn(served, secrets).length).toBeGreaterThan(20);
    expect(log.lines.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
