import {
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../view/__fixtures__/viewBuilders';
import { actionAvailability } from './availability';
import { OperatorTokens } from './OperatorConnections';

const tokens: OperatorTokens = {
  has: () => true,
  keyOf: cluster => `reserve.clusters.${cluster}.operatorToken`,
};

describe('actionAvailability', () => {
  const withoutPrimary = anEntityView({
    primary: unreachable(aPrimary()),
    reserves: [aReserve()],
  });

  it('offers a failover while the primary does not answer: that is what it is for', () => {
    expect(actionAvailability(withoutPrimary, 'failover', tokens)).toEqual({
      available: true,
    });
  });

  it('offers no failback while the primary does not answer, and says why', () => {
    expect(actionAvailability(withoutPrimary, 'failback', tokens)).toEqual({
      available: false,
      reason:
        'prod-fra does not answer (connect ECONNREFUSED 10.0.0.1:6443): fail back once it serves again',
    });
  });

  it('offers a failback once the primary answers', () => {
    expect(actionAvailability(anEntityView(), 'failback', tokens)).toEqual({
      available: true,
    });
  });

  it('names the missing operator token first', () => {
    const missing: OperatorTokens = {
      ...tokens,
      has: cluster => cluster !== 'prod-fra',
    };
    expect(actionAvailability(withoutPrimary, 'failback', missing)).toEqual({
      available: false,
      reason:
        'reserve.clusters.prod-fra.operatorToken is not configured: Kube Reserve cannot act on prod-fra',
    });
  });
});
