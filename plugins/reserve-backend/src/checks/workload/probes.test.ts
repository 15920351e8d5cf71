import {
  aContainer,
  aDaemonSet,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkProbes } from './probes';

const withContainer = (container: ReturnType<typeof aContainer>) =>
  anEntityView({
    primary: aPrimary({
      deployments: [aDeployment('api', { containers: [container] })],
    }),
  });

describe('workload.probes', () => {
  it('passes containers with readiness and liveness probes', () => {
    expect(checkProbes(withContainer(aContainer())).state).toBe('pass');
  });

  it('fails a container without a readiness probe', () => {
    const result = checkProbes(
      withContainer(aContainer('api', { readinessProbe: undefined })),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message:
        'container api of Deployment shop/api on prod-fra has no readiness probe',
    });
  });

  it('warns about a container without a liveness probe', () => {
    const result = checkProbes(
      withContainer(aContainer('api', { livenessProbe: undefined })),
    );
    expect(result.state).toBe('warn');
  });

  it('asks no probes of init containers', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [
          aDeployment('api', {
            podSpec: {
              initContainers: [
                aContainer('migrate', {
                  readinessProbe: undefined,
                  livenessProbe: undefined,
                }),
              ],
            },
          }),
        ],
      }),
    });
    expect(checkProbes(view).state).toBe('pass');
  });

  it('checks the reserve\u2019s copies too', () => {
    const view = anEntityView({
      primary: aPrimary({ daemonSets: [aDaemonSet('agent')] }),
      reserves: [
        aReserve({
          daemonSets: [
            aDaemonSet('agent', {
              containers: [aContainer('agent', { readinessProbe: undefined })],
            }),
          ],
        }),
      ],
    });
    expect(checkProbes(view).message).toContain(
      'DaemonSet shop/agent on reserve-ams',
    );
  });

  it('is unknown when the reserve cannot be read, even if the primary passes', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [withoutKind(aReserve(), 'daemonSets', 'failed')],
    });
    expect(checkProbes(view)).toMatchObject({
      state: 'unknown',
      message:
        'daemonsets could not be listed on reserve-ams: daemonsets is failed',
    });
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkProbes(anEntityView({ primary })).state).toBe('unknown');
  });

  it('does not apply without long-running workloads', () => {
    expect(checkProbes(anEntityView()).state).toBe('not-applicable');
  });
});
