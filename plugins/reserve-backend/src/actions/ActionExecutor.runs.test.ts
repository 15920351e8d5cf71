import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ActionExecution,
  ActionPlan,
} from '@kube-reserve/plugin-reserve-common';
import { onFirstOperatorWrite, writesOnce } from '../__testUtils__/crashPoints';
import {
  checkoutObjects,
  checkoutRef,
  useExecutorOnDemoClusters,
} from '../__testUtils__/executorOnClusters';
import { owner } from '../__testUtils__/ownerOnlyPermissions';
import { waitFor } from '../__testUtils__/startReserveBackend';
import { ExecutionStore } from '../database/ExecutionStore';
import { ActionExecutor } from './ActionExecutor';

jest.setTimeout(60_000);

const cronJobPath =
  '/apis/batch/v1/namespaces/checkout/cronjobs/checkout-abandoned-cart-reminder';
const deploymentPath = '/apis/apps/v1/namespaces/checkout/deployments/checkout';

/**
 * The world's executions as one backend instance reaches them, until it freezes: from then on
 * its calls wait, as those of a process that stopped (or lost its database) do; thawed, they
 * go on as those of a process that woke up.
 */
function freezable(executions: ExecutionStore) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  const store = new Proxy(executions, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        while (gate) await gate;
        return value.apply(target, args);
      };
    },
  });
  return {
    store,
    freeze() {
      gate = new Promise(resolve => (open = resolve));
    },
    thaw() {
      gate = undefined;
      open();
    },
  };
}

describe('ActionExecutor on the demo clusters: failed and resumed runs', () => {
  const state = useExecutorOnDemoClusters();

  const credentials = mockCredentials.user(owner);
  const run = (executor: ActionExecutor, plan: ActionPlan) =>
    executor.execute(
      checkoutRef,
      'failover',
      { planId: plan.id, confirmation: 'checkout' },
      credentials,
    );
  const ended = async (executor: ActionExecutor, id: string) => {
    await executor.settled(id);
    return (await state.world.executions.getExecution(id))!;
  };
  const live = (cluster: string, resource: string, name: string) =>
    state.sim.cluster(cluster).objects.get(resource, 'checkout', name)?.spec;
  const audited = (eventId: string, meta: Record<string, unknown>) =>
    state.world.audit.filter(
      line =>
        line.eventId === eventId &&
        Object.entries(meta).every(([key, value]) => line.meta[key] === value),
    );
  const stepEnds = (executionId: string) =>
    audited('action-step', { executionId })
      .filter(line => line.status !== 'initiated')
      .map(line => `${line.meta.step} ${line.status}`);

  /**
   * Runs checkout's failover with `change` made at the moment its first step lands on
   * reserve-ams: after the plan check, before the run reaches prod-fra.
   */
  const runMeeting = async (change: () => void) => {
    const plan = await state.world.planFailover();
    const executor = state.world.executor();
    const moment = onFirstOperatorWrite(state.sim, 'reserve-ams', change);
    try {
      const started = await run(executor, plan);
      const failed = await ended(executor, started.id);
      expect(moment.fired).toBe(true);
      return { plan, executor, started, failed };
    } finally {
      moment.stop();
    }
  };
  const refuseCronJobsOnPrimary = () =>
    state.sim.cluster('prod-fra').faults.set({ errorResources: ['cronjobs'] });

  it('fails the execution at a step the cluster refuses, with the step named and its error, and runs no step after it', async () => {
    const { plan, started, failed } = await runMeeting(refuseCronJobsOnPrimary);

    expect(started).toMatchObject({
      state: 'running',
      startedBy: owner,
      steps: plan.steps.map(() => ({ state: 'pending' })),
    });
    expect(failed.state).toBe('failed');
    expect(failed.steps.map(s => s.state)).toEqual([
      'succeeded',
      'failed',
      'pending',
      'pending',
    ]);
    expect(failed.steps[1].output).toContain(
      'simulated failure serving cronjobs',
    );
    expect(failed.message).toMatch(
      /^Step 2 of 4 \(Suspend CronJob checkout\/checkout-abandoned-cart-reminder on prod-fra\) failed: /,
    );
    expect(failed.message).toContain(failed.steps[1].output);
    // Nothing after the failed step reached a cluster: the reserve's CronJob stays suspended.
    expect(state.writes.counts()).toEqual(
      new Map([[`reserve-ams PATCH ${deploymentPath}`, 1]]),
    );
    expect(
      live('reserve-ams', 'cronjobs', checkoutObjects.cronJob.name),
    ).toMatchObject({ suspend: true });
    expect(
      audited('action-execution', { planId: plan.id }).map(l => [
        l.status,
        l.meta.state,
      ]),
    ).toEqual([
      ['initiated', undefined],
      ['failed', 'failed'],
    ]);
    expect(stepEnds(failed.id)).toEqual(['0 succeeded', '1 failed']);
    // What the owners are notified of.
    expect(
      state.world.runEvents.filter(e => e.executionId === failed.id),
    ).toEqual([
      {
        executionId: failed.id,
        entityRef: checkoutRef,
        action: 'failover',
        actor: owner,
        event: 'started',
        message: undefined,
      },
      {
        executionId: failed.id,
        entityRef: checkoutRef,
        action: 'failover',
        actor: owner,
        event: 'failed',
        message: failed.message,
      },
    ]);
  });

  it('fails the step whose object went away since planning, and refuses to resume with a 409 while the cluster differs from the plan', async () => {
    const { executor, failed } = await runMeeting(() =>
      state.sim
        .cluster('prod-fra')
        .objects.delete('cronjobs', 'checkout', checkoutObjects.cronJob.name),
    );
    expect(failed.state).toBe('failed');
    expect(failed.steps.map(s => s.state)).toEqual([
      'succeeded',
      'failed',
      'pending',
      'pending',
    ]);
    expect(failed.steps[1].output).toBe(
      'CronJob checkout/checkout-abandoned-cart-reminder no longer exists on prod-fra',
    );

    await expect(
      executor.resume(failed.id, 'checkout', credentials),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'The cluster state changed since planning (CronJob checkout/checkout-abandoned-cart-reminder on prod-fra); plan again',
    });
    // Still failed as it was, with its steps, message and end time, resumable once the cause
    // is fixed.
    expect(await state.world.executions.getExecution(failed.id)).toEqual(
      failed,
    );
    expect(
      audited('action-execution', { executionId: failed.id, resumed: true }),
    ).toEqual([
      expect.objectContaining({ status: 'initiated' }),
      expect.objectContaining({
        status: 'failed',
        error: expect.stringContaining('changed since planning'),
      }),
    ]);
  });

  it('resumes a failed run from the failed step once the cluster answers, without running the finished step again, and refuses to resume it once it succeeded', async () => {
    const { plan, executor, failed } = await runMeeting(
      refuseCronJobsOnPrimary,
    );
    state.sim.cluster('prod-fra').faults.clear();
    state.writes.reset();

    const resumed = await executor.resume(failed.id, 'checkout', credentials);
    expect(resumed.state).toBe('running');
    const done = await ended(executor, failed.id);

    expect(done.state).toBe('succeeded');
    expect(done.steps.map(s => s.state)).toEqual(Array(4).fill('succeeded'));
    expect(done.steps[0]).toEqual(failed.steps[0]);
    expect(done.steps[3].output).toContain('checkout/checkout 6/6 available');
    expect(state.writes.counts()).toEqual(
      new Map([
        [`prod-fra PATCH ${cronJobPath}`, 1],
        [`reserve-ams PATCH ${cronJobPath}`, 1],
      ]),
    );
    expect(live('prod-fra', 'cronjobs', checkoutObjects.cronJob.name)).toEqual(
      expect.objectContaining({ suspend: true }),
    );
    expect(
      live('reserve-ams', 'cronjobs', checkoutObjects.cronJob.name),
    ).toEqual(expect.objectContaining({ suspend: false }));
    expect(stepEnds(failed.id)).toEqual([
      '0 succeeded',
      '1 failed',
      '1 succeeded',
      '2 succeeded',
      '3 succeeded',
    ]);
    expect(
      audited('action-execution', { planId: plan.id }).map(l => [
        l.status,
        l.meta.resumed,
      ]),
    ).toEqual([
      ['initiated', undefined],
      ['failed', undefined],
      ['initiated', true],
      ['succeeded', true],
    ]);
    expect(
      state.world.runEvents
        .filter(e => e.executionId === failed.id)
        .map(e => [e.event, e.message]),
    ).toEqual([
      ['started', undefined],
      ['failed', failed.message],
      ['resumed', undefined],
      ['succeeded', 'All 4 steps done'],
    ]);
    // Done is done: a succeeded execution is not resumed (409).
    await expect(
      executor.resume(failed.id, 'checkout', credentials),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Execution ${failed.id} succeeded: nothing to resume`,
    });
  });

  it('lets another instance take over a run whose runner died mid-step: once its heartbeat is three beats late the run is interrupted, and the resume finds the step done at the cluster and runs it to the end', async () => {
    const settings = { heartbeatMs: 100 };
    const plan = await state.world.planFailover();
    // The first instance dies as its first step lands at the cluster: it never records it.
    const dying = freezable(state.world.executions);
    const firstLogger = mockServices.logger.mock();
    const first = state.world.executor({
      executions: dying.store,
      settings,
      logger: firstLogger,
    });
    const secondLogger = mockServices.logger.mock();
    const second = state.world.executor({ settings, logger: secondLogger });
    const death = onFirstOperatorWrite(state.sim, 'reserve-ams', () =>
      dying.freeze(),
    );
    const { id } = await run(first, plan);
    await waitFor('the first step to land', async () => death.fired);

    // Its heartbeat is not yet stale: the run counts as alive, and is not resumed.
    await expect(second.resume(id, 'checkout', credentials)).rejects.toThrow(
      `Execution ${id} is still running`,
    );

    // The second instance's sweep, every heartbeat, finds the first one's heartbeat gone.
    const scheduler = mockServices.scheduler.mock();
    await second.interruptAbandoned(scheduler);
    const sweep = scheduler.scheduleTask.mock
      .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
    let interrupted: ActionExecution | undefined;
    await waitFor('the sweep to interrupt the run', async () => {
      await sweep.fn(new AbortController().signal);
      interrupted = await state.world.executions.getExecution(id);
      return interrupted?.state === 'interrupted';
    });
    expect(interrupted!.message).toMatch(/resume it/);
    expect(interrupted!.steps.map(s => s.state)).toEqual(
      Array(4).fill('pending'),
    );
    expect(interrupted!.steps[0].output).toBe(
      'Interrupted when its backend instance stopped: runs again on resume.',
    );
    expect(secondLogger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Execution ${id} was interrupted`),
    );

    await second.resume(id, 'checkout', credentials);
    const done = await ended(second, id);
    expect(done.state).toBe('succeeded');
    expect(done.steps.map(s => s.state)).toEqual(Array(4).fill('succeeded'));
    expect(done.steps[0].output).toBe('Already as planned: nothing changed.');
    // Every patch reached its cluster once: the one the dead runner made was not made again.
    expect(state.writes.counts()).toEqual(writesOnce(plan));

    // Should the first instance wake up, it finds the run taken and writes nothing.
    dying.thaw();
    await first.settled(id);
    expect(await state.world.executions.getExecution(id)).toEqual(done);
    expect(firstLogger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        `Execution ${id} was taken from this backend instance`,
      ),
    );
  });
});
