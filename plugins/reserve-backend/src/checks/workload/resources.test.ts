import {
  aContainer,
  aCronJob,
  aDeployment,
  aPrimary,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkResourceRequests } from './resources';

describe('workload.resources', () => {
  it('passes containers that request CPU and memory', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      cronJobs: [aCronJob('mailer')],
    });
    expect(checkResourceRequests(anEntityView({ primary })).state).toBe('pass');
  });

  it('fails a container without requests, naming what is missing', () => {
    const container = aContainer('api', {
      resources: { requests: { memory: '64Mi' } },
    });
    const primary = aPrimary({
      deployments: [aDeployment('api', { containers: [container] })],
    });
    expect(checkResourceRequests(anEntityView({ primary }))).toMatchObject({
      state: 'fail',
      message:
        'container api of Deployment shop/api on prod-fra has no CPU request',
    });
  });

  it('counts a limit without a request as the request the API server defaults from it', () => {
    const container = aContainer('api', {
      resources: {
        limits: { cpu: '500m', memory: '256Mi' },
        requests: { memory: '128Mi' },
      },
    });
    const primary = aPrimary({
      deployments: [aDeployment('api', { containers: [container] })],
    });
    expect(checkResourceRequests(anEntityView({ primary })).state).toBe('pass');
  });

  it('fails a container whose memory is neither requested nor limited', () => {
    const container = aContainer('api', {
      resources: { limits: { cpu: '500m' } },
    });
    const primary = aPrimary({
      deployments: [aDeployment('api', { containers: [container] })],
    });
    expect(checkResourceRequests(anEntityView({ primary })).message).toBe(
      'container api of Deployment shop/api on prod-fra has no memory request',
    );
  });

  it('checks CronJob containers too', () => {
    const cronJob = aCronJob('mailer', {
      containers: [aContainer('mailer', { resources: undefined })],
    });
    const result = checkResourceRequests(
      anEntityView({ primary: aPrimary({ cronJobs: [cronJob] }) }),
    );
    expect(result.message).toContain(
      'CronJob shop/mailer on prod-fra has no CPU and memory request',
    );
  });

  it('is unknown when CronJobs cannot be read', () => {
    const primary = withoutKind(
      aPrimary({ deployments: [aDeployment('api')] }),
      'cronJobs',
    );
    expect(checkResourceRequests(anEntityView({ primary }))).toMatchObject({
      state: 'unknown',
      message: 'cronjobs forbidden on prod-fra',
    });
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkResourceRequests(anEntityView({ primary })).state).toBe(
      'unknown',
    );
  });

  it('does not apply without workloads', () => {
    expect(checkResourceRequests(anEntityView()).state).toBe('not-applicable');
  });
});
