import {
  aDeployment,
  aPodDisruptionBudget,
  aPrimary,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
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

  it('passes maxUnavailable 10% of 3 replicas, which rounds up to 1 disruption', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [aDeployment('api', { replicas: 3 })],
        podDisruptionBudgets: [
          aPodDisruptionBudget('api', { maxUnavailable: '10%' }),
        ],
      }),
    });
    expect(checkPodDisruptionBudgets(view).state).toBe('pass');
  });

  it('fails minAvailable 100%, which allows no disruption', () => {
    const result = checkPodDisruptionBudgets(
      viewWith(aPodDisruptionBudget('api', { minAvailable: '100%' })),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message:
        'PodDisruptionBudget api allows no voluntary disruption of Deployment shop/api (2 replicas) on prod-fra, so drains hang',
    });
  });

  it('fails a budget whose maxUnavailable is not a number or percentage, naming the value', () => {
    const result = checkPodDisruptionBudgets(
      viewWith(aPodDisruptionBudget('api', { maxUnavailable: 'one' })),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message:
        "PodDisruptionBudget api on prod-fra: maxUnavailable 'one' is not an integer or a percentage, so the disruption controller allows no disruption of Deployment shop/api and drains hang",
    });
  });

  it('passes a budget with an empty selector, which covers every pod of its namespace', () => {
    const everyPod = aPodDisruptionBudget('api');
    everyPod.spec!.selector = {};
    expect(checkPodDisruptionBudgets(viewWith(everyPod)).state).toBe('pass');
  });

  it('fails a budget without a selector, which covers no pod', () => {
    const noPod = aPodDisruptionBudget('api');
    delete noPod.spec!.selector;
    expect(checkPodDisruptionBudgets(viewWith(noPod)).message).toBe(
      'no PodDisruptionBudget covers Deployment shop/api on prod-fra',
    );
  });

  it('fails a budget in another namespace, which cannot cover the pods', () => {
    const elsewhere = aPodDisruptionBudget('api');
    elsewhere.metadata!.namespace = 'billing';
    expect(checkPodDisruptionBudgets(viewWith(elsewhere)).state).toBe('fail');
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
