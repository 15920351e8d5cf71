import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import {
  autoscaler,
  cronJob,
  deployment,
  externalName,
  failing,
  side,
  unreachable,
  warmService,
} from './__fixtures__/sides';
import { FailbackInput, planFailback, standbyReplicas } from './planFailback';
import { planFailover } from './planFailover';

const policy: FailbackInput['policy'] = {
  mode: 'warm',
  replicaRatio: { primary: 6, reserve: 4 },
  cronJobs: 'primary-only',
  externalServices: ['db'],
};

// The state a failover with scaleDownPrimary leaves behind.
function failedOver() {
  return {
    primary: side('prod', {
      deployments: [deployment('shop', 0)],
      horizontalPodAutoscalers: [autoscaler('shop', 6, 12)],
      cronJobs: [cronJob('shop-reminder', true)],
    }),
    reserve: side('spare', {
      deployments: [deployment('shop', 6)],
      horizontalPodAutoscalers: [autoscaler('shop', 6, 12)],
      cronJobs: [cronJob('shop-reminder', false)],
      services: [externalName('db', 'pg.spare.internal')],
    }),
  };
}

function previousFailover(): ActionPlan {
  const outline = planFailover({
    policy,
    namespaces: ['shop'],
    ...warmService(),
    targets: new Map([['db', 'pg.spare.internal']]),
    scaleDownPrimary: true,
    waitTimeoutMs: 60_000,
  });
  return {
    id: 'p',
    entityRef: 'component:default/shop',
    action: 'failover',
    options: { scaleDownPrimary: true },
    ...outline,
    createdBy: 'user:default/owner',
    createdAt: '2026-11-22T10:00:00.000Z',
  };
}

describe('planFailback', () => {
  it('reverses the last failover: primary back up first, CronJobs switched, reserve put back as it was', () => {
    const plan = planFailback({
      policy,
      namespaces: ['shop'],
      ...failedOver(),
      previousFailover: previousFailover(),
      waitTimeoutMs: 60_000,
    });
    expect(plan.steps.map(s => s.title)).toEqual([
      'Scale Deployment shop/shop on prod back from 0 to 6',
      'Wait until Deployment shop/shop on prod is available',
      'Suspend CronJob shop/shop-reminder on spare',
      'Resume CronJob shop/shop-reminder on prod',
      'Repoint Service shop/db on spare back to pg-replica.spare.internal',
      'Lower the minimum of HorizontalPodAutoscaler shop/shop on spare back to 4',
      'Scale Deployment shop/shop on spare back from 6 to 4',
    ]);
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('without a recorded failover, falls back to the policy and leaves external services as they are', () => {
    const plan = planFailback({
      policy,
      namespaces: ['shop'],
      ...failedOver(),
      waitTimeoutMs: 60_000,
    });
    expect(plan.steps.map(s => s.title)).toEqual([
      'Scale Deployment shop/shop on prod from 0 to 6, the size spare serves at',
      'Wait until Deployment shop/shop on prod is available',
      'Suspend CronJob shop/shop-reminder on spare',
      'Resume CronJob shop/shop-reminder on prod',
      'Scale Deployment shop/shop on spare from 6 to its warm standby size 4',
    ]);
    expect(plan.warnings[0]).toContain('No failover of this entity to spare');
  });

  it('leaves an object that changed since the failover as it is, with a warning', () => {
    const state = failedOver();
    state.reserve.services = [externalName('db', 'pg-other.spare.internal')];
    const plan = planFailback({
      policy,
      namespaces: ['shop'],
      ...state,
      previousFailover: previousFailover(),
      waitTimeoutMs: 60_000,
    });
    expect(plan.steps.some(s => s.object?.kind === 'Service')).toBe(false);
    expect(plan.warnings).toContain(
      'Service shop/db on spare changed since the failover: it stays as it is.',
    );
  });

  it('plans nothing when the entity already runs from its primary', () => {
    const { primary, reserve } = warmService();
    const plan = planFailback({
      policy: { ...policy, externalServices: [] },
      namespaces: ['shop'],
      primary,
      reserve,
      waitTimeoutMs: 60_000,
    });
    expect(plan.steps).toEqual([]);
  });

  it('computes the standby size of each mode', () => {
    expect(standbyReplicas(policy, 6)).toBe(4);
    expect(standbyReplicas({ ...policy, mode: 'cold' }, 6)).toBe(0);
    expect(standbyReplicas({ ...policy, mode: 'hot' }, 6)).toBeUndefined();
  });

  const failback = (state: ReturnType<typeof failedOver>) =>
    planFailback({
      policy,
      namespaces: ['shop'],
      ...state,
      previousFailover: previousFailover(),
      waitTimeoutMs: 60_000,
    });

  it('refuses to plan while the primary does not answer', () => {
    const state = failedOver();
    state.primary = unreachable(state.primary, {
      problem: 'connect ECONNREFUSED 10.0.0.1:6443',
    });
    expect(() => failback(state)).toThrow(
      'Cannot plan failback: prod does not answer (connect ECONNREFUSED 10.0.0.1:6443); fail back once it serves again',
    );
  });

  describe('with one kind failing on the primary', () => {
    const failure = 'Internal error: etcdserver: request timed out';

    it('grows the primary back from its older Deployment listing, saying so', () => {
      const state = failedOver();
      state.primary = failing(state.primary, 'deployments', {
        problem: failure,
        ageMs: 12_000,
      });
      const plan = failback(state);
      expect(plan.steps.map(s => s.title)).toEqual([
        'Scale Deployment shop/shop on prod back from 0 to 6',
        'Wait until Deployment shop/shop on prod is available',
        'Suspend CronJob shop/shop-reminder on spare',
        'Resume CronJob shop/shop-reminder on prod',
        'Repoint Service shop/db on spare back to pg-replica.spare.internal',
        'Lower the minimum of HorizontalPodAutoscaler shop/shop on spare back to 4',
        'Scale Deployment shop/shop on spare back from 6 to 4',
      ]);
      expect(plan.skipped).toEqual([]);
      expect(plan.warnings).toEqual([
        `deployments could not be listed on prod (${failure}): the scale-up of Deployment shop/shop back to 6 comes from the listing of 12 s ago.`,
      ]);
      expect(
        plan.fingerprint.some(
          e => e.cluster === 'prod' && e.object.kind === 'Deployment',
        ),
      ).toBe(false);
    });

    it('resumes the primary\u2019s CronJobs from their older listing', () => {
      const state = failedOver();
      state.primary = failing(state.primary, 'cronJobs', {
        problem: failure,
        ageMs: 12_000,
      });
      const plan = failback(state);
      expect(plan.steps.map(s => s.title)).toContain(
        'Resume CronJob shop/shop-reminder on prod',
      );
      expect(plan.skipped).toEqual([]);
      expect(plan.warnings).toEqual([
        `cronjobs could not be listed on prod (${failure}): the resumption of CronJob shop/shop-reminder comes from the listing of 12 s ago.`,
      ]);
    });

    it('refuses to plan when the primary\u2019s Deployments were never listed', () => {
      const state = failedOver();
      state.primary = failing(state.primary, 'deployments', {
        problem: failure,
      });
      expect(() => failback(state)).toThrow(
        `Cannot plan failback: deployments could not be listed on prod (${failure}) and no earlier listing is known, so the primary cannot be grown back`,
      );
    });
  });

  describe('with the reserve unreachable', () => {
    it('grows the primary back and lists every step on the reserve as skipped', () => {
      const state = failedOver();
      const problem = 'no answer within the timeout';
      state.reserve = unreachable(state.reserve, { problem, ageMs: 90_000 });
      const plan = failback(state);
      expect(plan.steps.map(s => s.title)).toEqual([
        'Scale Deployment shop/shop on prod back from 0 to 6',
        'Wait until Deployment shop/shop on prod is available',
        'Resume CronJob shop/shop-reminder on prod',
      ]);
      const reason = `spare does not answer (${problem})`;
      expect(plan.skipped).toEqual([
        {
          title: 'Suspend CronJob shop/shop-reminder on spare',
          cluster: 'spare',
          reason,
        },
        {
          title:
            'Repoint Service shop/db on spare back to pg-replica.spare.internal',
          cluster: 'spare',
          reason,
        },
        {
          title:
            'Lower the minimum of HorizontalPodAutoscaler shop/shop on spare back to 4',
          cluster: 'spare',
          reason,
        },
        {
          title: 'Scale Deployment shop/shop on spare back from 6 to 4',
          cluster: 'spare',
          reason,
        },
      ]);
      expect(plan.warnings).toEqual([
        `spare does not answer (${problem}): the plan changes nothing on it.`,
        'deployments could not be listed on spare (it does not answer): the scale-down of Deployment shop/shop back to 4 is skipped.',
        'horizontalpodautoscalers could not be listed on spare (it does not answer): the lowering of HorizontalPodAutoscaler shop/shop back to 4 is skipped.',
        'cronjobs could not be listed on spare (it does not answer): the suspension of CronJob shop/shop-reminder is skipped.',
        'services could not be listed on spare (it does not answer): the repointing of Service shop/db back to pg-replica.spare.internal is skipped.',
      ]);
    });
  });
});
