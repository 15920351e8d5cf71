import {
  ActionExecution,
  ActionPlan,
} from '@kube-reserve/plugin-reserve-common';

/** A failover plan of checkout with one scale step and one warning. */
export const failoverPlan: ActionPlan = {
  id: 'plan-1',
  entityRef: 'component:default/checkout',
  action: 'failover',
  options: {},
  primary: 'prod-fra',
  reserve: 'reserve-ams',
  steps: [
    {
      index: 0,
      kind: 'patch',
      title: 'Scale Deployment checkout/api on reserve-ams from 0 to 6',
      cluster: 'reserve-ams',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'checkout',
        name: 'api',
      },
      before: { spec: { replicas: 0 } },
      after: { spec: { replicas: 6 } },
    },
  ],
  warnings: ['The primary prod-fra is unreachable'],
  skipped: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-11-22T10:00:00.000Z',
  fingerprint: [],
};

/** An execution of {@link failoverPlan} in the given state, with its step in `stepState`. */
export function failoverExecution(
  state: ActionExecution['state'],
  stepState: ActionExecution['steps'][number]['state'],
  extra: Partial<ActionExecution> = {},
): ActionExecution {
  return {
    id: 'exec-1',
    planId: 'plan-1',
    entityRef: 'component:default/checkout',
    action: 'failover',
    state,
    startedBy: 'user:default/alice',
    startedAt: new Date().toISOString(),
    steps: [
      {
        index: 0,
        title: 'Scale Deployment checkout/api on reserve-ams from 0 to 6',
        state: stepState,
        ...(stepState === 'succeeded' ? { output: 'Scaled to 6' } : {}),
      },
    ],
    ...extra,
  };
}
