import {
  ActionExecution,
  ActionPlan,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import { createAuditLog } from './__testUtils__/auditLog';
import { ClusterCheckpoint } from './__testUtils__/checkoutFailover';
import { changedKeys, specsOf } from './__testUtils__/clusterSpecs';
import { onFirstOperatorWrite } from './__testUtils__/crashPoints';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

import {
  intruder,
  owner,
  ownerOnlyPermissions,
} from './__testUtils__/ownerOnlyPermissions';

jest.setTimeout(90_000);

const entity = (name: string) =>
  `/api/reserve/entities/component/default/${name}`;

describe('actions on the demo clusters', () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();
  // The demo clusters as they started, which every test starts from.
  let demoState: ClusterCheckpoint;

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [ownerOnlyPermissions, auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s =>
      Object.values(s).every(state => state === 'ok'),
    );
    demoState = new ClusterCheckpoint(demo.sim);
  });
  afterAll(() => demo?.stop());

  // Each test starts from the demo as it started: no fault, the clusters' objects as they were,
  // checkout served from prod-fra. The backend and its history of plans and runs are shared:
  // a test reads only the plans, runs and audit lines it made itself.
  beforeEach(async () => {
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());
    demoState.restore();
    // 200: a failover ended by hand; 409: checkout was not failed over.
    const ended = await demo.delete(`${entity('checkout')}/failover`, owner);
    if (![200, 409].includes(ended.status)) {
      throw new Error(`ending the failover answered ${ended.status}`);
    }
  });

  const plan = async (
    name: string,
    action: string,
    body: object = {},
  ): Promise<ActionPlan> => {
    const res = await demo.post(`${entity(name)}/actions/${action}/plan`, body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const execute = (
    name: string,
    planned: ActionPlan,
    user = owner,
    confirmation = name,
  ) =>
    demo.post(
      `${entity(name)}/actions/${planned.action}/executions`,
      { planId: planned.id, confirmation },
      user,
    );
  const resume = (id: string) =>
    demo.post(
      `/api/reserve/executions/${id}/resume`,
      { confirmation: 'checkout' },
      owner,
    );
  const finished = async (id: string): Promise<ActionExecution> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await demo.get(`/api/reserve/executions/${id}`);
      expect(res.status).toBe(200);
      if (res.body.state !== 'running') return res.body;
      if (Date.now() > deadline) throw new Error(`${id} still running`);
      await new Promise(r => setTimeout(r, 100));
    }
  };
  const spec = (cluster: string, resource: string, ns: string, name: string) =>
    demo.sim.cluster(cluster).objects.get(resource, ns, name)?.spec;
  const clusterSpecs = () =>
    new Map([
      ...specsOf(demo.sim, 'prod-fra'),
      ...specsOf(demo.sim, 'reserve-ams'),
    ]);
  // The audit lines written from now on.
  const auditFromNow = () => {
    const start = auditLog.lines.length;
    return () => auditLog.lines.slice(start);
  };

  /**
   * Starts checkout's failover with prod-fra refusing CronJobs from the moment the run's first
   * step lands on reserve-ams (after the plan check, which reads them): the run fails at step
   * 4, the first on prod-fra. Answers the plan, the start's answer and the failed execution.
   */
  const failoverFailingOnPrimary = async () => {
    const planned = await plan('checkout', 'failover');
    const primary = demo.sim.cluster('prod-fra');
    const fault = onFirstOperatorWrite(demo.sim, 'reserve-ams', () =>
      primary.faults.set({ errorResources: ['cronjobs'] }),
    );
    try {
      const started = await execute('checkout', planned);
      expect(started.status).toBe(202);
      const failed = await finished(started.body.id);
      expect(fault.fired).toBe(true);
      return { planned, started, failed };
    } finally {
      fault.stop();
      primary.faults.set({});
    }
  };
  /** Fails checkout over to reserve-ams; answers the succeeded execution. */
  const failOver = async (): Promise<ActionExecution> => {
    const started = await execute(
      'checkout',
      await plan('checkout', 'failover'),
    );
    expect(started.status).toBe(202);
    const done = await finished(started.body.id);
    expect(done.state).toBe('succeeded');
    return done;
  };
  /** Plans invoice-mailer's failover, then suspends its CronJob by hand and runs the plan. */
  const runStalePlan = async () => {
    const planned = await plan('invoice-mailer', 'failover');
    const objects = demo.sim.cluster('prod-fra').objects;
    const cronJob = objects.get(
      'cronjobs',
      'invoice-mailer',
      'invoice-mailer-dunning',
    )!;
    objects.put({ ...cronJob, spec: { ...cronJob.spec, suspend: true } });
    return { planned, res: await execute('invoice-mailer', planned) };
  };

  it('plans a failover of checkout step by step, changing nothing', async () => {
    const before = [
      ...specsOf(demo.sim, 'prod-fra'),
      ...specsOf(demo.sim, 'reserve-ams'),
    ];
    const planned = await plan('checkout', 'failover');
    expect(planned.steps.map(s => s.title)).toEqual([
      'Repoint Service checkout/checkout-db on reserve-ams to pg-checkout-primary.ams3.internal',
      'Raise the minimum of HorizontalPodAutoscaler checkout/checkout on reserve-ams to 6',
      'Scale Deployment checkout/checkout on reserve-ams from 4 to 6',
      'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
      'Resume CronJob checkout/checkout-abandoned-cart-reminder on reserve-ams',
      'Wait until Deployment checkout/checkout on reserve-ams is available at full size',
    ]);
    expect(planned.steps[2]).toMatchObject({
      cluster: 'reserve-ams',
      object: { kind: 'Deployment', namespace: 'checkout', name: 'checkout' },
      before: { spec: { replicas: 4 } },
      after: { spec: { replicas: 6 } },
    });
    expect(planned.warnings).toEqual([]);
    expect(planned.createdBy).toBe('user:default/mock');
    expect([
      ...specsOf(demo.sim, 'prod-fra'),
      ...specsOf(demo.sim, 'reserve-ams'),
    ]).toEqual(before);
  });

  it('refuses a non-owner with 403 and a wrong confirmation with 400, changing nothing', async () => {
    const audited = auditFromNow();
    const planned = await plan('checkout', 'failover');
    const forbidden = await execute('checkout', planned, intruder);
    expect(forbidden.status).toBe(403);
    const refused = audited().filter(
      line => line.eventId === 'permission-refused',
    );
    expect(refused.map(line => [line.status, line.meta.actor])).toEqual([
      ['initiated', intruder],
      ['failed', intruder],
    ]);
    expect(refused[1]).toMatchObject({
      meta: {
        actor: intruder,
        permission: 'reserve.action.execute',
        entityRef: 'component:default/checkout',
      },
      error:
        'Not allowed to reserve.action.execute on component:default/checkout',
    });
    const unconfirmed = await execute('checkout', planned, owner, 'yes');
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toContain(
      "confirmation: type the entity's name, checkout",
    );
    expect(
      spec('reserve-ams', 'deployments', 'checkout', 'checkout'),
    ).toMatchObject({ replicas: 4 });
    // The plan never ran.
    const history = await demo.get(`${entity('checkout')}/executions`);
    expect(
      history.body.executions.filter(
        (e: ActionExecution) => e.planId === planned.id,
      ),
    ).toEqual([]);
  });

  it('answers 409 to a stale plan: the cluster changed since planning', async () => {
    const { planned, res } = await runStalePlan();
    expect(planned.steps.map(s => s.title)).toEqual([
      'Suspend CronJob invoice-mailer/invoice-mailer-dunning on prod-fra',
    ]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'The cluster state changed since planning (CronJob invoice-mailer/invoice-mailer-dunning on prod-fra); plan again',
    );
  });

  describe('a failover of checkout and its failback', () => {
    it('stops at a failing step with a clear message', async () => {
      const { started, failed } = await failoverFailingOnPrimary();
      expect(started.body).toMatchObject({
        state: 'running',
        startedBy: owner,
      });
      expect(failed.state).toBe('failed');
      expect(failed.message).toContain(
        'Step 4 of 6 (Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra) failed',
      );
      expect(failed.steps.map(s => s.state)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
        'failed',
        'pending',
        'pending',
      ]);
      expect(failed.steps[3].output).toContain(
        'simulated failure serving cronjobs',
      );
      expect(
        spec('reserve-ams', 'deployments', 'checkout', 'checkout'),
      ).toMatchObject({ replicas: 6 });
    });

    it('resumes from the failed step without repeating the finished ones', async () => {
      const { failed } = await failoverFailingOnPrimary();
      const res = await resume(failed.id);
      expect(res.status).toBe(202);
      const done = await finished(failed.id);
      expect(done.state).toBe('succeeded');
      expect(done.steps.map(s => s.state)).toEqual(Array(6).fill('succeeded'));
      expect(done.steps.slice(0, 3)).toEqual(failed.steps.slice(0, 3));
      expect(done.steps[5].output).toContain('checkout/checkout 6/6 available');
    });

    it('audits the plan, the run, its resume and every step outcome, naming the user and the entity', async () => {
      const audited = auditFromNow();
      const { planned, failed } = await failoverFailingOnPrimary();
      expect((await resume(failed.id)).status).toBe(202);
      expect((await finished(failed.id)).state).toBe('succeeded');
      const stale = await runStalePlan();
      expect(stale.res.status).toBe(409);

      const entityRef = 'component:default/checkout';
      const lines = (eventId: string, meta: Record<string, unknown>) =>
        audited().filter(
          line =>
            line.eventId === eventId &&
            Object.entries(meta).every(
              ([key, value]) => line.meta[key] === value,
            ),
        );
      expect(lines('action-plan', { planId: planned.id })).toEqual([
        expect.objectContaining({
          plugin: 'reserve',
          status: 'succeeded',
          meta: expect.objectContaining({
            actor: 'user:default/mock',
            entityRef,
            action: 'failover',
            steps: 6,
          }),
        }),
      ]);
      const runs = lines('action-execution', { planId: planned.id });
      expect(
        runs.map(({ status, meta }) => [status, meta.resumed, meta.state]),
      ).toEqual([
        ['initiated', undefined, undefined],
        ['failed', undefined, 'failed'],
        ['initiated', true, undefined],
        ['succeeded', true, 'succeeded'],
      ]);
      expect(runs[1].error).toContain('Step 4 of 6');
      const steps = lines('action-step', {
        executionId: failed.id,
      }).filter(line => line.status !== 'initiated');
      expect(steps.map(({ status, meta }) => `${meta.step} ${status}`)).toEqual(
        [
          '0 succeeded',
          '1 succeeded',
          '2 succeeded',
          '3 failed',
          '3 succeeded',
          '4 succeeded',
          '5 succeeded',
        ],
      );
      expect(steps[3].error).toContain('simulated failure serving cronjobs');
      for (const line of [...runs, ...steps]) {
        expect(line.meta).toMatchObject({
          actor: owner,
          entityRef,
          action: 'failover',
        });
      }
      // A run refused for a stale plan is audited too, as a failure.
      expect(
        lines('action-execution', {
          entityRef: 'component:default/invoice-mailer',
          planId: stale.planned.id,
        }).map(({ status, error }) => [status, error]),
      ).toEqual([
        ['initiated', undefined],
        ['failed', expect.stringContaining('changed since planning')],
      ]);
    });

    it('changed exactly the planned objects on both clusters', async () => {
      const before = clusterSpecs();
      const { failed } = await failoverFailingOnPrimary();
      expect((await resume(failed.id)).status).toBe(202);
      expect((await finished(failed.id)).state).toBe('succeeded');
      const after = clusterSpecs();
      expect(changedKeys(before, after)).toEqual([
        'prod-fra/cronjobs/checkout/checkout-abandoned-cart-reminder',
        'reserve-ams/cronjobs/checkout/checkout-abandoned-cart-reminder',
        'reserve-ams/deployments/checkout/checkout',
        'reserve-ams/horizontalpodautoscalers/checkout/checkout',
        'reserve-ams/services/checkout/checkout-db',
      ]);
      expect(
        spec('reserve-ams', 'services', 'checkout', 'checkout-db'),
      ).toMatchObject({
        type: 'ExternalName',
        externalName: 'pg-checkout-primary.ams3.internal',
      });
      expect(
        spec(
          'prod-fra',
          'cronjobs',
          'checkout',
          'checkout-abandoned-cart-reminder',
        ),
      ).toMatchObject({ suspend: true });
      expect(
        spec(
          'reserve-ams',
          'cronjobs',
          'checkout',
          'checkout-abandoned-cart-reminder',
        ),
      ).toMatchObject({ suspend: false });
      expect(
        spec('reserve-ams', 'horizontalpodautoscalers', 'checkout', 'checkout'),
      ).toMatchObject({ minReplicas: 6, maxReplicas: 12 });
    });

    it('judges checkout failed over to reserve-ams once collected, with roles swapped', async () => {
      const executionId = (await failOver()).id;
      const deadline = Date.now() + 20_000;
      let report: EntityReport;
      const onReserve = (r: EntityReport) =>
        r.checks
          .find(c => c.id === 'parity.cronjobs')
          ?.clusters.find(c => c.cluster === 'reserve-ams');
      do {
        await new Promise(r => setTimeout(r, 200));
        report = (await demo.get(`${entity('checkout')}/readiness`)).body;
      } while (
        // Until a collection after the run has seen the CronJobs.
        onReserve(report)?.state !== 'pass' &&
        Date.now() < deadline
      );
      expect(report.failover).toEqual({
        servingCluster: 'reserve-ams',
        formerPrimary: 'prod-fra',
        since: expect.any(String),
        by: owner,
        executionId,
        pendingOnFormerPrimary: [],
      });
      expect(report.situation).toEqual({
        kind: 'failed-over',
        message: `Serving from reserve-ams since ${report.failover?.since} (failover by ${owner})`,
      });
      expect(report.clusters.map(c => [c.name, c.roleInPair])).toEqual([
        ['reserve-ams', 'primary'],
        ['prod-fra', 'reserve'],
      ]);
      // Active where it serves, suspended on the former primary: as it should be.
      const cronJobs = report.checks.find(c => c.id === 'parity.cronjobs')!;
      expect(cronJobs.state).toBe('pass');
      expect(report.checks.find(c => c.id === 'parity.capacity')?.state).toBe(
        'pass',
      );
    });

    it('refuses to plan an already done failover: nothing to do', async () => {
      await failOver();
      const res = await demo.post(
        '/api/reserve/entities/component/default/checkout/actions/failover/plan',
      );
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/^Nothing to do: a failover/);
    });

    it('fails back to the state before the failover', async () => {
      const before = clusterSpecs();
      const failover = await failOver();
      const back = await plan('checkout', 'failback');
      expect(back.steps.map(s => s.title)).toEqual([
        'Suspend CronJob checkout/checkout-abandoned-cart-reminder on reserve-ams',
        'Resume CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
        'Repoint Service checkout/checkout-db on reserve-ams back to pg-checkout-replica.ams3.internal',
        'Lower the minimum of HorizontalPodAutoscaler checkout/checkout on reserve-ams back to 4',
        'Scale Deployment checkout/checkout on reserve-ams back from 6 to 4',
      ]);
      const res = await execute('checkout', back);
      expect(res.status).toBe(202);
      expect((await finished(res.body.id)).state).toBe('succeeded');
      expect(changedKeys(before, clusterSpecs())).toEqual([]);
      // Newest first: the failback, then the failover it undid.
      const history = await demo.get(`${entity('checkout')}/executions`);
      expect(
        history.body.executions
          .slice(0, 2)
          .map((e: ActionExecution) => [e.id, e.action]),
      ).toEqual([
        [res.body.id, 'failback'],
        [failover.id, 'failover'],
      ]);
      const report = (await demo.get(`${entity('checkout')}/readiness`)).body;
      expect(report.failover).toBeUndefined();
      expect(report.clusters[0]).toMatchObject({
        name: 'prod-fra',
        roleInPair: 'primary',
      });
    });
  });
  describe('Velero actions on checkout', () => {
    it('lets one action run per entity: a concurrent run gets 409; the drill records its duration', async () => {
      const drill = await plan('checkout', 'restore-drill');
      const backup = await plan('checkout', 'backup-now');
      const running = await execute('checkout', drill);
      expect(running.status).toBe(202);
      const concurrent = await execute('checkout', backup);
      expect(concurrent.status).toBe(409);
      expect(concurrent.body.error.message).toContain(
        'Another action runs on component:default/checkout',
      );
      const done = await finished(running.body.id);
      expect(done.state).toBe('succeeded');
      expect(done.steps.map(s => s.title)).toEqual([
        'Create the scratch Namespace checkout-drill on reserve-ams, labelled as a drill of checkout',
        expect.stringMatching(
          /^Create Restore checkout-drill-\d{14} of Backup hourly-\d{14} on reserve-ams into checkout-drill$/,
        ),
        expect.stringMatching(
          /^Wait until Restore checkout-drill-\d{14} is Completed$/,
        ),
        'Wait until the restored workloads in checkout-drill are available',
        'Record the drill and its measured RTO in the drill history',
        'Delete the scratch Namespace checkout-drill on reserve-ams',
      ]);
      expect(
        demo.sim
          .cluster('reserve-ams')
          .objects.get('namespaces', undefined, 'checkout-drill'),
      ).toBeUndefined();
      const report: EntityReport = (
        await demo.get(`${entity('checkout')}/readiness`)
      ).body;
      const restoreName = drill.steps[1].object!.name;
      const recorded = report.backups!.drills.find(
        d => d.restoreName === restoreName,
      );
      expect(recorded).toMatchObject({
        cluster: 'reserve-ams',
        phase: 'Completed',
        namespaceMapping: { checkout: 'checkout-drill' },
      });
      expect(recorded!.durationMs).toBeGreaterThan(0);

      // The backup plan is still current once the drill is done.
      const backedUp = await execute('checkout', backup);
      expect(backedUp.status).toBe(202);
      expect((await finished(backedUp.body.id)).state).toBe('succeeded');
      const name = backup.steps[0].object!.name;
      expect(name).toMatch(/^hourly-\d{14}$/);
      const created = demo.sim
        .cluster('prod-fra')
        .objects.get('backups.velero.io', 'velero', name)!;
      const schedule = demo.sim
        .cluster('prod-fra')
        .objects.get('schedules.velero.io', 'velero', 'hourly')!;
      expect(created.status?.phase).toBe('Completed');
      expect(created.metadata.labels).toMatchObject({
        ...schedule.metadata.labels,
        'velero.io/schedule-name': 'hourly',
      });
      expect(created.spec).toMatchObject(schedule.spec.template);
    });
  });
});
