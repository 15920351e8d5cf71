import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { allowedDisruptions, disruptionAllowance } from './podDisruptionBudget';

const budget = (
  spec: Partial<{
    maxUnavailable: number | string;
    minAvailable: number | string;
  }>,
): V1PodDisruptionBudget => ({
  metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'api' } }, ...spec },
});

describe('disruptionAllowance', () => {
  it('lets maxUnavailable 10% of 3 replicas disrupt 1, rounding up', () => {
    expect(disruptionAllowance(budget({ maxUnavailable: '10%' }), 3)).toEqual({
      allowed: 1,
    });
  });

  it('lets minAvailable 100% disrupt none', () => {
    expect(disruptionAllowance(budget({ minAvailable: '100%' }), 3)).toEqual({
      allowed: 0,
    });
  });

  it('rounds minAvailable percentages up, leaving fewer disruptions', () => {
    expect(disruptionAllowance(budget({ minAvailable: '50%' }), 3)).toEqual({
      allowed: 1,
    });
  });

  it('never allows more disruptions than there are replicas', () => {
    expect(disruptionAllowance(budget({ maxUnavailable: 5 }), 2)).toEqual({
      allowed: 2,
    });
  });

  it('never allows fewer than none', () => {
    expect(disruptionAllowance(budget({ minAvailable: 4 }), 2)).toEqual({
      allowed: 0,
    });
  });

  it('reads maxUnavailable first when both are set', () => {
    expect(
      disruptionAllowance(budget({ maxUnavailable: 1, minAvailable: 2 }), 2),
    ).toEqual({ allowed: 1 });
  });

  it('says a budget without limits is unset', () => {
    expect(disruptionAllowance(budget({}), 2)).toEqual({ unset: true });
    expect(allowedDisruptions(budget({}), 2)).toBeUndefined();
  });

  it('names a value it cannot read, which the controller treats as no disruption', () => {
    expect(disruptionAllowance(budget({ maxUnavailable: 'one' }), 3)).toEqual({
      problem: "maxUnavailable 'one' is not an integer or a percentage",
    });
    expect(allowedDisruptions(budget({ maxUnavailable: 'one' }), 3)).toBe(0);
  });
});
