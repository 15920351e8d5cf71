import {
  aCronJob,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkDeployed } from './deployed';

const primary = aPrimary({
  deployments: [aDeployment('api')],
  cronJobs: [aCronJob('mailer')],
});

describe('parity.deployed', () => {
  it('passes when the reserve runs every primary workload', () => {
    const reserve = aReserve({
      deployments: [aDeployment('api', { replicas: 0 })],
      cronJobs: [aCronJob('mailer', { suspend: true })],
    });
    expect(
      checkDeployed(anEntityView({ primary, reserves: [reserve] })),
    ).toMatchObject({
      state: 'pass',
      message: 'All 2 workloads of prod-fra are deployed on reserve-ams',
    });
  });

  it('fails a CronJob missing from the reserve', () => {
    const reserve = aReserve({ deployments: [aDeployment('api')] });
    expect(
      checkDeployed(anEntityView({ primary, reserves: [reserve] })),
    ).toMatchObject({
      state: 'fail',
      message: 'CronJob shop/mailer is missing on reserve-ams',
    });
  });

  it('is unknown when the reserve\u2019s CronJobs cannot be read', () => {
    const reserve = withoutKind(
      aReserve({ deployments: [aDeployment('api')] }),
      'cronJobs',
    );
    expect(
      checkDeployed(anEntityView({ primary, reserves: [reserve] })),
    ).toMatchObject({
      state: 'unknown',
      message: 'cronjobs forbidden on reserve-ams',
    });
  });

  it('is unknown when the primary is unreachable, as there is nothing to compare', () => {
    const result = checkDeployed(
      anEntityView({ primary: unreachable(primary) }),
    );
    expect(result.state).toBe('unknown');
    expect(result.message).toBe(
      'reserve-ams cannot be compared: prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    );
  });

  it('does not apply to mode none', () => {
    expect(
      checkDeployed(anEntityView({ primary, policy: { mode: 'none' } })).state,
    ).toBe('not-applicable');
  });

  it('does not apply without a reserve', () => {
    expect(checkDeployed(anEntityView({ primary, reserves: [] })).state).toBe(
      'not-applicable',
    );
  });

  it('does not apply when the primary runs no workloads', () => {
    expect(checkDeployed(anEntityView()).state).toBe('not-applicable');
  });

  it('does not apply when the primary runs no workloads, even with the reserve unreachable', () => {
    expect(
      checkDeployed(anEntityView({ reserves: [unreachable(aReserve())] }))
        .state,
    ).toBe('not-applicable');
  });
});
