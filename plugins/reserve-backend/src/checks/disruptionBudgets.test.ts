import {
  aDeployment,
  aPodDisruptionBudget,
} from '../view/__fixtures__/builders';
import { budgetsSelecting, drainTolerance } from './disruptionBudgets';

const template = aDeployment('api').spec!.template;

describe('budgetsSelecting', () => {
  it('finds the budget whose selector selects the pods in their namespace', () => {
    const budgets = [aPodDisruptionBudget('api'), aPodDisruptionBudget('web')];
    expect(
      budgetsSelecting('shop', template, budgets).map(b => b.metadata?.name),
    ).toEqual(['api']);
    expect(budgetsSelecting('billing', template, budgets)).toEqual([]);
  });

  it('lets an empty selector select every pod and a missing one none', () => {
    const everyPod = aPodDisruptionBudget('all');
    everyPod.spec!.selector = {};
    const noPod = aPodDisruptionBudget('none');
    delete noPod.spec!.selector;
    expect(
      budgetsSelecting('shop', template, [everyPod, noPod]).map(
        b => b.metadata?.name,
      ),
    ).toEqual(['all']);
  });
});

describe('drainTolerance', () => {
  it('tolerates a drain when maxUnavailable 10% of 3 replicas rounds up to 1', () => {
    expect(
      drainTolerance('Deployment shop/api', 3, [
        aPodDisruptionBudget('api', { maxUnavailable: '10%' }),
      ]),
    ).toEqual({
      state: 'pass',
      text: 'Deployment shop/api has 3 replicas and PodDisruptionBudget api allows 1 disruption',
    });
  });

  it('warns that a budget without limits lets a drain evict every pod at once', () => {
    expect(
      drainTolerance('Deployment shop/api', 2, [
        aPodDisruptionBudget('api', {}),
      ]),
    ).toEqual({
      state: 'warn',
      text: 'PodDisruptionBudget api of Deployment shop/api sets neither minAvailable nor maxUnavailable: a drain may evict them all at once',
    });
  });

  it('fails a budget whose limit cannot be read, as drains then hang', () => {
    expect(
      drainTolerance('Deployment shop/api', 2, [
        aPodDisruptionBudget('api', { minAvailable: 'most' }),
      ]),
    ).toEqual({
      state: 'fail',
      text: "PodDisruptionBudget api allows no disruption of Deployment shop/api (minAvailable 'most' is not an integer or a percentage), so drains hang",
    });
  });
});
