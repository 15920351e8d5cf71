import { ClusterFacts } from '@kube-reserve/plugin-reserve-common';
import {
  aClusterSide,
  anEntityView,
  reserveFacts,
} from '../../view/__fixtures__/builders';
import { checkFailureDomain } from './failureDomain';

const viewWithReserve = (facts: Partial<ClusterFacts>) =>
  anEntityView({ reserves: [aClusterSide({ ...reserveFacts, ...facts })] });

describe('topology.failure-domain', () => {
  it('passes a reserve at another site, provider and region', () => {
    const result = checkFailureDomain(viewWithReserve({}));
    expect(result.state).toBe('pass');
    expect(result.message).toBe(
      'reserve-ams at ams3 (digitalocean, eu-west) is away from prod-fra at fra1 (hetzner, eu-central)',
    );
  });

  it('fails a reserve in the primary\u2019s site', () => {
    const result = checkFailureDomain(
      viewWithReserve({
        site: 'fra1',
        provider: 'hetzner',
        region: 'eu-central',
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain("reserve-ams is in prod-fra's site fra1");
    expect(result.clusters[0].evidence).toHaveLength(3);
  });

  it('warns about a reserve at the same provider', () => {
    const result = checkFailureDomain(viewWithReserve({ provider: 'hetzner' }));
    expect(result).toMatchObject({
      state: 'warn',
      message: 'reserve-ams shares provider hetzner with prod-fra',
    });
  });

  it('warns about a reserve in the same region', () => {
    const result = checkFailureDomain(
      viewWithReserve({ region: 'eu-central' }),
    );
    expect(result.state).toBe('warn');
    expect(result.message).toContain('shares region eu-central');
  });

  it('is unknown when the reserve\u2019s site is not configured', () => {
    const result = checkFailureDomain(viewWithReserve({ site: undefined }));
    expect(result).toMatchObject({
      state: 'unknown',
      message: 'no site is configured for reserve-ams',
    });
  });

  it('is unknown without a primary cluster', () => {
    const result = checkFailureDomain(
      anEntityView({ primary: undefined, policy: { clusters: undefined } }),
    );
    expect(result.state).toBe('unknown');
  });

  it('does not apply to mode none', () => {
    expect(
      checkFailureDomain(anEntityView({ policy: { mode: 'none' } })).state,
    ).toBe('not-applicable');
  });
});
