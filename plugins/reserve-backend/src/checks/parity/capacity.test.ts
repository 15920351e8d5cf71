import {
  aDeployment,
  aPrimary,
  aReserve,
  aResourceQuota,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkCapacity } from './capacity';

// Each api pod requests 100m CPU and 128Mi memory (the builders' default container).
const primary = aPrimary({
  deployments: [aDeployment('api', { replicas: 6 })],
});
const reserveAt = (replicas: number, lists = {}) =>
  aReserve({ deployments: [aDeployment('api', { replicas })], ...lists });

describe('parity.capacity', () => {
  it('passes a warm reserve at its share of the replica ratio', () => {
    const view = anEntityView({ primary, reserves: [reserveAt(4)] });
    expect(checkCapacity(view)).toMatchObject({
      state: 'pass',
      message: 'reserve-ams is sized for warm mode',
    });
  });

  it('fails a warm reserve below its share, rounding the share up', () => {
    const view = anEntityView({
      primary,
      reserves: [reserveAt(3)],
      policy: { replicaRatio: { primary: 5, reserve: 3 } },
    });
    expect(checkCapacity(view)).toMatchObject({
      state: 'fail',
      message:
        "Deployment shop/api runs 3 on reserve-ams, below the 4 that warm mode 5:3 needs for the primary's 6",
    });
  });

  it('fails a hot reserve smaller than the primary', () => {
    const view = anEntityView({
      primary,
      reserves: [reserveAt(4)],
      policy: { mode: 'hot' },
    });
    expect(checkCapacity(view).state).toBe('fail');
  });

  it('passes a cold reserve at zero whose quota leaves room for the primary', () => {
    const quota = aResourceQuota(
      { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '20' },
      { 'requests.cpu': '500m', 'requests.memory': '512Mi', pods: '5' },
    );
    const view = anEntityView({
      primary,
      reserves: [reserveAt(0, { resourceQuotas: [quota] })],
      policy: { mode: 'cold' },
    });
    expect(checkCapacity(view).state).toBe('pass');
  });

  it('passes a cold reserve whose namespace has no ResourceQuota', () => {
    const view = anEntityView({
      primary,
      reserves: [reserveAt(0)],
      policy: { mode: 'cold' },
    });
    expect(checkCapacity(view).state).toBe('pass');
  });

  it('fails a cold reserve whose quota cannot fit the primary\u2019s requests', () => {
    const quota = aResourceQuota(
      { 'requests.cpu': '1' },
      { 'requests.cpu': '700m' },
    );
    const view = anEntityView({
      primary,
      reserves: [reserveAt(0, { resourceQuotas: [quota] })],
      policy: { mode: 'cold' },
    });
    expect(checkCapacity(view)).toMatchObject({
      state: 'fail',
      message:
        'ResourceQuota shop/compute on reserve-ams leaves 0.3 CPU (requests.cpu) of the 0.6 CPU needed to scale to the primary',
    });
  });

  it('is unknown for a cold reserve whose quotas cannot be read', () => {
    const view = anEntityView({
      primary,
      reserves: [withoutKind(reserveAt(0), 'resourceQuotas')],
      policy: { mode: 'cold' },
    });
    expect(checkCapacity(view)).toMatchObject({
      state: 'unknown',
      message: 'resourcequotas forbidden on reserve-ams',
    });
  });

  it('is unknown for a cold reserve whose quota reports no usage yet', () => {
    const quota = { ...aResourceQuota({ pods: '10' }, {}), status: undefined };
    const view = anEntityView({
      primary,
      reserves: [reserveAt(0, { resourceQuotas: [quota] })],
      policy: { mode: 'cold' },
    });
    expect(checkCapacity(view).state).toBe('unknown');
  });

  it('is unknown when the reserve is unreachable', () => {
    expect(
      checkCapacity(
        anEntityView({ primary, reserves: [unreachable(reserveAt(4))] }),
      ).state,
    ).toBe('unknown');
  });

  it('does not apply to mode none', () => {
    expect(
      checkCapacity(anEntityView({ primary, policy: { mode: 'none' } })).state,
    ).toBe('not-applicable');
  });
});
