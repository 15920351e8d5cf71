import { AuditorService } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { DrillStore } from '../database/DrillStore';
import { DatabaseExecutionStore } from '../database/DatabaseExecutionStore';
import { DatabasePlanStore } from '../database/DatabasePlanStore';
import { ActionExecutor } from './ActionExecutor';
import { OperatorSource } from './OperatorConnections';
import { projectionOf } from './planning/objectState';

const stalledInstance = 'aaaaaaaa-0000-4000-8000-000000000000';
const otherInstance = 'bbbbbbbb-0000-4000-8000-000000000000';

const plan: ActionPlan = {
  id: '00000000-0000-4000-8000-000000000001',
  entityRef: 'component:default/shop',
  action: 'failover',
  options: { scaleDownPrimary: false },
  primary: 'prod',
  reserve: 'spare',
  steps: [
    {
      index: 0,
      kind: 'patch',
      title: 'Scale Deployment shop/shop on spare from 4 to 6',
      cluster: 'spare',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
      },
      before: { spec: { replicas: 4 } },
      after: { spec: { replicas: 6 } },
    },
  ],
  warnings: [],
  skipped: [],
  createdBy: 'user:default/owner',
  createdAt: new Date().toISOString(),
  fingerprint: [],
};

// A cluster whose reads wait until the test lets them answer: the run stalls inside a step.
function stallingCluster() {
  let reached!: () => void;
  let release!: () => void;
  const reading = new Promise<void>(r => (reached = r));
  const answer = new Promise<void>(r => (release = r));
  const operators = {
    operator: async (cluster: string) => ({
      cluster,
      read: async () => {
        reached();
        await answer;
        return { spec: { replicas: 6 } };
      },
      patch: async () => {
        throw new Error('the test expects no patch');
      },
    }),
  } as unknown as OperatorSource;
  return { operators, reading, release };
}

// Audit events, each ending as `succeeded` or `failed: <message>`.
function recordingAuditor() {
  const ends: string[] = [];
  const auditor = {
    createEvent: async ({ eventId }: { eventId: string }) => ({
      success: async () => {
        ends.push(`${eventId} succeeded`);
      },
      fail: async ({ error }: { error: Error }) => {
        ends.push(`${eventId} failed: ${error.message}`);
      },
    }),
  } as unknown as AuditorService;
  return { auditor, ends };
}

describe('ActionExecutor', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('stops a run taken over while it stalled, without writing to the execution again', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const plans = await DatabasePlanStore.create({ database });
    const executions = await DatabaseExecutionStore.create({ database });
    await plans.savePlan(plan);
    const cluster = stallingCluster();
    const { auditor, ends } = recordingAuditor();
    const logger = mockServices.logger.mock();
    const executor = new ActionExecutor({
      plans,
      executions,
      operators: cluster.operators,
      drills: {} as DrillStore,
      auditor,
      logger,
      settings: {
        waitTimeoutMs: 60_000,
        pollIntervalMs: 10,
        heartbeatMs: 60_000,
        planTtlMs: 3_600_000,
        maxPlansPerEntity: 20,
        veleroNamespace: 'velero',
      },
      runner: stalledInstance,
    });

    const execution = await executor.execute(
      plan.entityRef,
      'failover',
      { planId: plan.id, confirmation: 'shop' },
      mockCredentials.user('user:default/owner'),
    );
    await cluster.reading;
    // The other instance finds the heartbeat late, interrupts the run and resumes it.
    await executions.interruptAbandoned({
      message: 'its instance is gone',
      heartbeatBefore: new Date(Date.now() + 60_000),
    });
    await executions.resumeExecution(
      execution.id,
      plan.entityRef,
      otherInstance,
    );
    const takenOver = await executions.getExecution(execution.id);

    cluster.release();
    await executor.settled(execution.id);

    expect(await executions.getExecution(execution.id)).toEqual(takenOver);
    expect(takenOver).toMatchObject({
      state: 'running',
      steps: [
        {
          state: 'pending',
          output:
            'Interrupted when its backend instance stopped: runs again on resume.',
        },
      ],
    });
    const taken = `Execution ${execution.id} is no longer run by runner ${stalledInstance}`;
    expect(ends).toEqual([
      expect.stringContaining(`action-step failed: ${taken}`),
      expect.stringContaining(`action-execution failed: ${taken}`),
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        `Execution ${execution.id} was taken from this backend instance`,
      ),
    );
  });

  it("beats from the moment it takes an execution: another instance's sweep leaves it alone while it checks the plan against slow clusters", async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const plans = await DatabasePlanStore.create({ database });
    const executions = await DatabaseExecutionStore.create({ database });
    const checked: ActionPlan = {
      ...plan,
      fingerprint: [
        {
          cluster: 'spare',
          object: plan.steps[0].object!,
          observed: projectionOf('Deployment', { spec: { replicas: 6 } }),
        },
      ],
    };
    await plans.savePlan(checked);
    const cluster = stallingCluster();
    const executor = new ActionExecutor({
      plans,
      executions,
      operators: cluster.operators,
      drills: {} as DrillStore,
      auditor: recordingAuditor().auditor,
      logger: mockServices.logger.mock(),
      settings: {
        waitTimeoutMs: 60_000,
        pollIntervalMs: 10,
        heartbeatMs: 20,
        planTtlMs: 3_600_000,
        maxPlansPerEntity: 20,
        veleroNamespace: 'velero',
      },
      runner: stalledInstance,
    });

    const started = executor.execute(
      plan.entityRef,
      'failover',
      { planId: plan.id, confirmation: 'shop' },
      mockCredentials.user('user:default/owner'),
    );
    // The execution is stored and taken; its plan check waits on the cluster.
    await cluster.reading;
    const checking = new Date();
    const heartbeatAt = async () =>
      new Date(
        (await knex('reserve_executions').first('heartbeat_at')).heartbeat_at,
      ).getTime();
    const deadline = Date.now() + 5_000;
    while ((await heartbeatAt()) <= checking.getTime()) {
      if (Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 10));
    }
    // Another instance sweeps runs whose last beat is older than the check's start.
    expect(
      await executions.interruptAbandoned({
        message: 'its instance is gone',
        heartbeatBefore: checking,
      }),
    ).toEqual([]);

    cluster.release();
    const execution = await started;
    await executor.settled(execution.id);
    expect(await executions.getExecution(execution.id)).toMatchObject({
      state: 'succeeded',
    });
  });

  it('refuses to run a plan older than reserve.actions.planTtl with a 409 naming its expiry, starting nothing', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const plans = await DatabasePlanStore.create({ database });
    const executions = await DatabaseExecutionStore.create({ database });
    const createdAt = new Date(Date.now() - 2 * 60_000);
    const old = { ...plan, createdAt: createdAt.toISOString() };
    await plans.savePlan(old);
    const executor = new ActionExecutor({
      plans,
      executions,
      operators: stallingCluster().operators,
      drills: {} as DrillStore,
      auditor: recordingAuditor().auditor,
      logger: mockServices.logger.mock(),
      settings: {
        waitTimeoutMs: 60_000,
        pollIntervalMs: 10,
        heartbeatMs: 60_000,
        planTtlMs: 60_000,
        maxPlansPerEntity: 20,
        veleroNamespace: 'velero',
      },
    });
    const expiry = new Date(createdAt.getTime() + 60_000).toISOString();
    await expect(
      executor.execute(
        old.entityRef,
        'failover',
        { planId: old.id, confirmation: 'shop' },
        mockCredentials.user('user:default/owner'),
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Plan ${old.id} expired at ${expiry} (plans can be run for 1 minute, reserve.actions.planTtl): plan again`,
    });
    expect(await executor.list(old.entityRef)).toEqual([]);
    await executor.stop();
  });
});
