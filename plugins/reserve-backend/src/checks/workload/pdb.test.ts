import {
  aDeployment,
  aPodDisruptionBudget,
  aPrimary,
  anEntityView,
  unreachable,
  withoutKind,
} from '../__fixtures__/builders';
import { checkPodDisruptionBudgets } from './pdb';

const viewWith = (...budgets: ReturnType<typeof aPodDisruptionBudget>[]) =>
  anEntityView({
    primary: aPrimary({
      deployments: [aDeployment('api')],
      podDisruptionBudgets: budgets,
    }),
  });

describe('workload.pdb', () => {
  it('passes a PodDisruptionBudget with maxUnavailable 1', () => {
    expect(
      checkPodDisruptionBudgets(viewWith(aPodDisruptionBudget('api'))).state,
    ).toBe('pass');
  });

  it('passes minAvailable below the replica count', () => {
    const budget = aPodDisruptionBudget('api', { minAvailable: '50%' });
    expect(checkPodDisruptionBudgets(viewWith(budget)).state).toBe('pass');
  });

  it('fails a Deployment no PodDisruptionBudget covers', () => {
    expect(
      checkPodDisruptionBudgets(viewWith(aPodDisruptionBudget('other'))),
    ).toMatchObject({
      state: 'fail',
      message: 'no PodDisruptionBudget covers Deployment shop/api on prod-fra',
    });
  });

  it('fails a budget whose minAvailable equals the replicas, because drains hang', () => {
    const result = checkPodDisruptionBudgets(
      viewWith(aPodDisruptionBudget('api', { minAvailable: 2 })),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain('allows no voluntary disruption');
  });

  it('fails two budgets selecting the same pods, as evictions then fail', () => {
    const second = {
      ...aPodDisruptionBudget('api'),
      metadata: { name: 'api-2', namespace: 'shop' },
    };
    const result = checkPodDisruptionBudgets(
      viewWith(aPodDisruptionBudget('api'), second),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain('2 PodDisruptionBudgets (api, api-2)');
  });

  it('warns about a budget that sets no limit', () => {
    const result = checkPodDisruptionBudgets(
      viewWith(aPodDisruptionBudget('api', {})),
    );
    expect(result.state).toBe('warn');
  });

  it('is unknown when budgets cannot be read', () => {
    const primary = withoutKind(
      aPrimary({ deployments: [aDeployment('api')] }),
      'podDisruptionBudgets',
    );
    expect(checkPodDisruptionBudgets(anEntityView({ primary }))).toMatchObject({
      state: 'unknown',
      message: 'poddisruptionbudgets forbidden on prod-fra',
    });
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkPodDisruptionBudgets(anEntityView({ primary })).state).toBe(
      'unknown',
    );
  });

  it('does not apply without Deployments or StatefulSets', () => {
    expect(checkPodDisruptionBudgets(anEntityView()).state).toBe(
      'not-applicable',
    );
  });
});
