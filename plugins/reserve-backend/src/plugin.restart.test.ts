import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulator } from '@kube-reserve/cluster-sim';
import {
  ActionExecution,
  ActionPlan,
} from '@kube-reserve/plugin-reserve-common';
import knexFactory from 'knex';
import { createAuditLog } from './__testUtils__/auditLog';
import { changedKeys, specsOf } from './__testUtils__/clusterSpecs';
import { onFirstOperatorWrite } from './__testUtils__/crashPoints';
import {
  owner,
  ownerOnlyPermissions,
} from './__testUtils__/ownerOnlyPermissions';
import {
  DemoBackend,
  startDemoBackend,
  startDemoClusters,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(90_000);

const checkout = '/api/reserve/entities/component/default/checkout';

// The database as a killed backend leaves it: SQLite's own consistent copy, taken mid-run.
async function copyDatabase(from: string, to: string) {
  await mkdir(to, { recursive: true });
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(from, 'reserve.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await db.raw('VACUUM INTO ?', [join(to, 'reserve.sqlite')]);
  } finally {
    await db.destroy();
  }
}

describe('an execution in flight when the backend goes down', () => {
  let sim: Simulator;
  let dir: string;
  const backends: DemoBackend[] = [];
  // The demo clusters before the failover, which the failback must bring back.
  let original: Map<string, string>;

  // A backend on SQLite files in `directory`, which outlive it; the clusters outlive it too.
  const startBackend = async (
    directory: string,
    auditLog = createAuditLog(),
  ) => {
    const demo = await startDemoBackend({
      sim,
      features: [ownerOnlyPermissions, auditLog.factory],
      database: { client: 'better-sqlite3', connection: { directory } },
      reserve: {
        // Cluster requests give up after 4 s: time enough to stop the backend while a hung
        // step is in flight (the stop waits for it that long).
        refresh: { frequency: { seconds: 5 }, timeout: { seconds: 4 } },
        // A crashed backend's run counts as abandoned after three heartbeats: 0.9 s.
        actions: { pollInterval: '200ms', heartbeat: '300ms' },
      },
    });
    backends.push(demo);
    return demo;
  };
  const specs = () =>
    new Map([...specsOf(sim, 'prod-fra'), ...specsOf(sim, 'reserve-ams')]);
  const execution = async (demo: DemoBackend, id: string) => {
    const res = await demo.get(`/api/reserve/executions/${id}`);
    expect(res.status).toBe(200);
    return res.body as ActionExecution;
  };
  const waitForExecution = async (
    demo: DemoBackend,
    id: string,
    until: (e: ActionExecution) => boolean,
  ) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const current = await execution(demo, id);
      if (until(current)) return current;
      if (Date.now() > deadline) {
        throw new Error(`gave up waiting: ${JSON.stringify(current.steps)}`);
      }
      await new Promise(r => setTimeout(r, 50));
    }
  };
  /**
   * Plans the action and runs it until its first step on prod-fra (after steps on reserve-ams)
   * hangs in flight; answers the execution then.
   */
  const runUntilStuckOnPrimary = async (
    demo: DemoBackend,
    action: 'failover' | 'failback',
    stuckStep: number,
  ) => {
    const planned = await demo.post(
      `${checkout}/actions/${action}/plan`,
      {},
      owner,
    );
    expect(planned.status).toBe(200);
    const plan: ActionPlan = planned.body;
    expect(plan.steps[stuckStep].cluster).toBe('prod-fra');
    // prod-fra hangs from the moment the run's first step lands on the reserve: after the
    // plan check, which reads it, and before the run reaches it.
    const hang = onFirstOperatorWrite(sim, 'reserve-ams', () =>
      sim.cluster('prod-fra').faults.set({ hang: true }),
    );
    const res = await demo.post(
      `${checkout}/actions/${action}/executions`,
      { planId: plan.id, confirmation: 'checkout' },
      owner,
    );
    // A run that never started writes nothing: disarm the hang for the next test.
    if (res.status !== 202) hang.stop();
    expect(res.status).toBe(202);
    return waitForExecution(
      demo,
      res.body.id,
      e => e.steps[stuckStep].state === 'running',
    );
  };
  const resume = async (demo: DemoBackend, id: string) => {
    sim.clusters.forEach(cluster => cluster.faults.clear());
    const res = await demo.post(
      `/api/reserve/executions/${id}/resume`,
      { confirmation: 'checkout' },
      owner,
    );
    expect(res.status).toBe(202);
    return waitForExecution(demo, id, e => e.state !== 'running');
  };

  beforeAll(async () => {
    sim = await startDemoClusters();
    dir = await mkdtemp(join(tmpdir(), 'kube-reserve-restart-'));
    original = specs();
  });
  afterAll(async () => {
    for (const demo of backends) await demo.stop();
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let second: DemoBackend;

  it('a shutdown during a failover step leaves it interrupted; the next backend resumes it without repeating the finished steps', async () => {
    const firstAudit = createAuditLog();
    const first = await startBackend(join(dir, 'db'), firstAudit);
    await first.waitForCatalog();
    await first.waitForClusters(s => Object.values(s).every(x => x === 'ok'));
    const stuck = await runUntilStuckOnPrimary(first, 'failover', 3);
    expect(stuck.steps.map(s => s.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'running',
      'pending',
      'pending',
    ]);
    await first.stop();

    second = await startBackend(join(dir, 'db'));
    const interrupted = await execution(second, stuck.id);
    expect(interrupted).toMatchObject({
      state: 'interrupted',
      message: expect.stringContaining(
        'The backend stopped while this execution ran: resume it',
      ),
    });
    expect(interrupted.steps.map(s => s.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'pending',
      'pending',
      'pending',
    ]);
    expect(interrupted.steps[3].output).toBe(
      'Interrupted by a backend shutdown: runs again on resume.',
    );
    // The audit log of the stopped backend says the run and its step were cut short.
    expect(
      firstAudit.lines.filter(
        l => l.meta.executionId === stuck.id && l.status === 'failed',
      ),
    ).toEqual([
      expect.objectContaining({
        eventId: 'action-step',
        meta: expect.objectContaining({ step: 3, actor: owner }),
        error: 'interrupted by a shutdown',
      }),
      expect.objectContaining({
        eventId: 'action-execution',
        meta: expect.objectContaining({ state: 'interrupted', actor: owner }),
      }),
    ]);

    const done = await resume(second, stuck.id);
    expect(done.state).toBe('succeeded');
    expect(done.steps.map(s => s.state)).toEqual(Array(6).fill('succeeded'));
    // Finished steps kept their times and output: they did not run again.
    expect(done.steps.slice(0, 3)).toEqual(interrupted.steps.slice(0, 3));
    expect(changedKeys(original, specs())).toEqual([
      'prod-fra/cronjobs/checkout/checkout-abandoned-cart-reminder',
      'reserve-ams/cronjobs/checkout/checkout-abandoned-cart-reminder',
      'reserve-ams/deployments/checkout/checkout',
      'reserve-ams/horizontalpodautoscalers/checkout/checkout',
      'reserve-ams/services/checkout/checkout-db',
    ]);
    const objects = (cluster: string) => sim.cluster(cluster).objects;
    expect(
      objects('prod-fra').get(
        'cronjobs',
        'checkout',
        'checkout-abandoned-cart-reminder',
      )?.spec,
    ).toMatchObject({ suspend: true });
    expect(
      objects('reserve-ams').get('deployments', 'checkout', 'checkout')?.spec,
    ).toMatchObject({ replicas: 6 });
  });

  it('a crash during the failback leaves it running in the database; the next backend marks it interrupted once its heartbeat is stale, and resumes it', async () => {
    await second.waitForClusters(s => Object.values(s).every(x => x === 'ok'));
    const stuck = await runUntilStuckOnPrimary(second, 'failback', 1);
    expect(stuck.steps.map(s => s.state)).toEqual([
      'succeeded',
      'running',
      'pending',
      'pending',
      'pending',
    ]);
    await copyDatabase(join(dir, 'db'), join(dir, 'crashed'));
    await second.stop();

    const third = await startBackend(join(dir, 'crashed'));
    const interrupted = await waitForExecution(
      third,
      stuck.id,
      e => e.state !== 'running',
    );
    expect(interrupted).toMatchObject({
      state: 'interrupted',
      message: expect.stringContaining(
        'The backend instance running this execution stopped (no heartbeat): resume it',
      ),
    });
    expect(interrupted.steps.map(s => s.state)).toEqual([
      'succeeded',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(interrupted.steps[1].output).toBe(
      'Interrupted when its backend instance stopped: runs again on resume.',
    );

    const done = await resume(third, stuck.id);
    expect(done.state).toBe('succeeded');
    expect(done.steps.map(s => s.state)).toEqual(Array(5).fill('succeeded'));
    expect(done.steps[0]).toEqual(interrupted.steps[0]);
    expect(changedKeys(original, specs())).toEqual([]);
  });
});
