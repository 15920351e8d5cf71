import {
  aDaemonSet,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkAvailable } from './available';

describe('workload.available', () => {
  it('passes when every replica is available on both clusters', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [aDeployment('api')],
        daemonSets: [aDaemonSet('agent')],
      }),
      reserves: [
        aReserve({ deployments: [aDeployment('api', { replicas: 1 })] }),
      ],
    });
    expect(checkAvailable(view).state).toBe('pass');
  });

  it('passes a cold reserve at zero replicas', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [
        aReserve({ deployments: [aDeployment('api', { replicas: 0 })] }),
      ],
      policy: { mode: 'cold' },
    });
    expect(checkAvailable(view).state).toBe('pass');
  });

  it('fails reserve replicas that are not available', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [
        aReserve({ deployments: [aDeployment('api', { available: 1 })] }),
      ],
    });
    expect(checkAvailable(view)).toMatchObject({
      state: 'fail',
      message:
        'Deployment shop/api has 1 of 2 replicas available on reserve-ams',
    });
  });

  it('fails a DaemonSet missing pods', () => {
    const primary = aPrimary({
      daemonSets: [aDaemonSet('agent', { available: 2 })],
    });
    expect(checkAvailable(anEntityView({ primary })).message).toBe(
      'DaemonSet shop/agent has 2 of 3 replicas available on prod-fra',
    );
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [unreachable(aReserve())],
    });
    expect(checkAvailable(view).state).toBe('unknown');
  });

  it('does not apply without long-running workloads', () => {
    expect(checkAvailable(anEntityView()).state).toBe('not-applicable');
  });
});
