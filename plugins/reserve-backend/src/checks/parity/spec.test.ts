import {
  aContainer,
  aCronJob,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkSpec } from './spec';

const api = (
  env: Record<string, string>,
  options: { replicas?: number; image?: string } = {},
) =>
  aDeployment('api', {
    replicas: options.replicas,
    containers: [
      aContainer('api', {
        ...(options.image ? { image: options.image } : {}),
        env: Object.entries(env).map(([name, value]) => ({ name, value })),
      }),
    ],
  });

describe('parity.spec', () => {
  it('passes specs that differ only in replicas and images', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [api({ LOG_LEVEL: 'info' }, { replicas: 6 })],
      }),
      reserves: [
        aReserve({
          deployments: [
            api(
              { LOG_LEVEL: 'info' },
              { replicas: 4, image: 'shop/api:1.3.9' },
            ),
          ],
        }),
      ],
    });
    expect(checkSpec(view).state).toBe('pass');
  });

  it('passes a suspended reserve CronJob, as suspension is parity.cronjobs\u2019 business', () => {
    const view = anEntityView({
      primary: aPrimary({ cronJobs: [aCronJob('mailer')] }),
      reserves: [
        aReserve({ cronJobs: [aCronJob('mailer', { suspend: true })] }),
      ],
    });
    expect(checkSpec(view).state).toBe('pass');
  });

  it('ignores references to declared site-config objects', () => {
    const withConfig = (configMap: string) =>
      aDeployment('api', {
        containers: [
          aContainer('api', {
            envFrom: [{ configMapRef: { name: configMap } }],
          }),
        ],
      });
    const view = anEntityView({
      primary: aPrimary({ deployments: [withConfig('db-config')] }),
      reserves: [aReserve({ deployments: [withConfig('db-config-ams')] })],
      policy: { siteConfig: ['db-config', 'db-config-ams'] },
    });
    expect(checkSpec(view).state).toBe('pass');
  });

  it('ignores restart stamps and Helm config checksums on the pod template', () => {
    const stamped = (site: string) => {
      const deployment = api({ LOG_LEVEL: 'info' });
      deployment.spec!.template.metadata!.annotations = {
        'kubectl.kubernetes.io/restartedAt': `2026-02-0${
          site === 'fra' ? 1 : 2
        }T10:00:00Z`,
        'checksum/config': `sha-${site}`,
      };
      return deployment;
    };
    const view = anEntityView({
      primary: aPrimary({ deployments: [stamped('fra')] }),
      reserves: [aReserve({ deployments: [stamped('ams')] })],
    });
    expect(checkSpec(view).state).toBe('pass');
  });

  it('fails a changed environment variable and shows the field-level diff', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [api({ LOG_LEVEL: 'info', PORT: '8080' })],
      }),
      reserves: [
        aReserve({ deployments: [api({ PORT: '8080', LOG_LEVEL: 'debug' })] }),
      ],
    });
    const result = checkSpec(view);
    expect(result.state).toBe('fail');
    expect(result.diff).toEqual([
      {
        cluster: 'reserve-ams',
        workload: 'Deployment shop/api',
        path: 'spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value',
        primary: '"info"',
        reserve: '"debug"',
        text: 'spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value: "info" → "debug"',
      },
    ]);
    expect(result.message).toBe(
      '1 field differs between the primary and reserve-ams in Deployment shop/api, e.g. spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value: "info" → "debug"',
    );
  });

  it('reports a field present on one side only', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [api({ LOG_LEVEL: 'info' })] }),
      reserves: [
        aReserve({ deployments: [api({ LOG_LEVEL: 'info', DEBUG: '1' })] }),
      ],
    });
    expect(checkSpec(view).diff?.map(d => d.text)).toEqual([
      'spec.template.spec.containers[name=api].env[name=DEBUG]: (absent on the primary) → {"name":"DEBUG","value":"1"}',
    ]);
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [api({})] }),
      reserves: [unreachable(aReserve())],
    });
    expect(checkSpec(view).state).toBe('unknown');
  });

  it('does not apply to mode none', () => {
    expect(checkSpec(anEntityView({ policy: { mode: 'none' } })).state).toBe(
      'not-applicable',
    );
  });
});
