import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ActionPlan,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { onFirstOperatorWrite } from '../__testUtils__/crashPoints';
import {
  checkoutObjects,
  checkoutRef,
  useExecutorOnDemoClusters,
} from '../__testUtils__/executorOnClusters';
import { owner } from '../__testUtils__/ownerOnlyPermissions';
import { waitFor } from '../__testUtils__/startReserveBackend';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

// Each refusal answers with the error the router turns into its status: InputError 400,
// NotFoundError 404, ConflictError 409.
describe('ActionExecutor on the demo clusters: runs it refuses', () => {
  const state = useExecutorOnDemoClusters();

  const credentials = mockCredentials.user(owner);
  const execute = (
    plan: Pick<ActionPlan, 'id'>,
    request: {
      entityRef?: string;
      action?: ReserveActionId;
      confirmation?: string;
    } = {},
    executor = state.world.executor(),
  ) =>
    executor.execute(
      request.entityRef ?? checkoutRef,
      request.action ?? 'failover',
      { planId: plan.id, confirmation: request.confirmation ?? 'checkout' },
      credentials,
    );
  // A refused run leaves no execution and changes no cluster.
  const expectNothingStarted = async () => {
    expect(await state.world.executions.listExecutions(checkoutRef)).toEqual(
      [],
    );
    expect(state.writes.counts()).toEqual(new Map());
  };

  it.each<[string, (plan: ActionPlan) => Promise<unknown>, object]>([
    [
      'a confirmation that is not the entity name (400)',
      plan => execute(plan, { confirmation: 'yes' }),
      {
        name: 'InputError',
        message:
          "confirmation: type the entity's name, checkout, to run this action",
      },
    ],
    [
      'an entity of a kind without workloads (400)',
      plan =>
        execute(plan, {
          entityRef: 'group:default/team-payments',
          confirmation: 'team-payments',
        }),
      {
        name: 'InputError',
        message:
          'executions applies to kinds Component, Resource; group:default/team-payments is a Group',
      },
    ],
    [
      'a plan of another entity (404, as a plan that does not exist)',
      plan =>
        execute(plan, {
          entityRef: 'component:default/invoice-mailer',
          confirmation: 'invoice-mailer',
        }),
      {
        name: 'NotFoundError',
        message: expect.stringMatching(
          /^No plan \S+ for component:default\/invoice-mailer$/,
        ),
      },
    ],
    [
      'a plan that does not exist (404)',
      () => execute({ id: '00000000-0000-4000-8000-00000000dead' }),
      {
        name: 'NotFoundError',
        message: `No plan 00000000-0000-4000-8000-00000000dead for ${checkoutRef}`,
      },
    ],
    [
      'a plan of another action (400)',
      plan => execute(plan, { action: 'failback' }),
      {
        name: 'InputError',
        message: expect.stringMatching(
          /^planId: plan \S+ is a failover plan, not failback$/,
        ),
      },
    ],
  ])('refuses %s, starting nothing', async (_what, refused, error) => {
    const plan = await state.world.planFailover();
    await expect(refused(plan)).rejects.toMatchObject(error);
    await expectNothingStarted();
  });

  it('refuses a plan older than reserve.actions.planTtl with a 409 naming its expiry, starting nothing', async () => {
    const createdAt = new Date(Date.now() - 2 * HOUR);
    const plan = await state.world.planFailover({ createdAt });
    await expect(execute(plan)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Plan ${plan.id} expired at ${new Date(
        createdAt.getTime() + HOUR,
      ).toISOString()} (plans can be run for 1 hour, reserve.actions.planTtl): plan again`,
    });
    await expectNothingStarted();
  });

  it('refuses with a 409 a plan whose objects changed since planning, auditing the refusal and keeping no execution', async () => {
    const plan = await state.world.planFailover();
    const objects = state.sim.cluster('reserve-ams').objects;
    const deployment = objects.get('deployments', 'checkout', 'checkout')!;
    objects.put({ ...deployment, spec: { ...deployment.spec, replicas: 5 } });

    await expect(execute(plan)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'The cluster state changed since planning (Deployment checkout/checkout on reserve-ams); plan again',
    });
    await expectNothingStarted();
    expect(
      state.world.audit
        .filter(line => line.eventId === 'action-execution')
        .map(line => [line.status, line.meta.planId, line.error]),
    ).toEqual([
      ['initiated', plan.id, undefined],
      ['failed', plan.id, expect.stringContaining('changed since planning')],
    ]);
  });

  it('refuses with a 409 a plan it cannot check because a cluster of it does not answer', async () => {
    const plan = await state.world.planFailover();
    state.sim.cluster('prod-fra').faults.set({ refuseConnections: true });
    await expect(execute(plan)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^Cannot check the plan against prod-fra \(.+\): the cluster state may have changed since planning; plan again$/,
      ),
    });
    await expectNothingStarted();
  });

  it('refuses with a 409 a plan that already ran, naming its execution', async () => {
    const plan = await state.world.planFailover();
    const executor = state.world.executor();
    // The run fails at its second step: prod-fra refuses CronJobs once the first has landed.
    const fault = onFirstOperatorWrite(state.sim, 'reserve-ams', () =>
      state.sim
        .cluster('prod-fra')
        .faults.set({ errorResources: ['cronjobs'] }),
    );
    const first = await execute(plan, {}, executor);
    await executor.settled(first.id);
    fault.stop();
    state.sim.cluster('prod-fra').faults.clear();
    state.writes.reset();

    await expect(execute(plan, {}, executor)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Plan ${plan.id} already ran as execution ${first.id} (failed): resume that execution or plan again`,
    });
    expect(
      (await state.world.executions.listExecutions(checkoutRef)).map(e => e.id),
    ).toEqual([first.id]);
    expect(state.writes.counts()).toEqual(new Map());
  });

  it("refuses with a 409 a second run of the entity's plans while one runs, across instances, until it ends", async () => {
    const running = await state.world.planFailover();
    const another = await state.world.planFailover();
    // The first run hangs at prod-fra, after its first step: it holds the entity's lock.
    const hang = onFirstOperatorWrite(state.sim, 'reserve-ams', () =>
      state.sim.cluster('prod-fra').faults.set({ hang: true }),
    );
    const firstInstance = state.world.executor();
    const first = await execute(running, {}, firstInstance);
    await waitFor('the first run to reach prod-fra', async () => hang.fired);

    for (const executor of [firstInstance, state.world.executor()]) {
      await expect(execute(another, {}, executor)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Another action runs on ${checkoutRef} (execution ${first.id}, failover): wait until it ends`,
      });
    }
    expect(
      await state.world.executions.executionOfPlan(another.id),
    ).toBeUndefined();
    expect(
      state.sim
        .cluster('reserve-ams')
        .objects.get('cronjobs', 'checkout', checkoutObjects.cronJob.name)
        ?.spec,
    ).toMatchObject({ suspend: true });

    // Once it ends (failed: prod-fra dropped the hung request), the lock is free again.
    state.sim.cluster('prod-fra').faults.clear();
    await firstInstance.settled(first.id);
    expect(await state.world.executions.getExecution(first.id)).toMatchObject({
      state: 'failed',
    });
    const again = await state.world.planFailover();
    const next = await execute(again);
    expect(next).toMatchObject({ state: 'running', planId: again.id });
  });
});
