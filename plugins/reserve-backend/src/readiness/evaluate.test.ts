import {
  aCronJob,
  aDeployment,
  aPodDisruptionBudget,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../checks/__fixtures__/builders';
import { evaluateEntity } from './evaluate';

const workloads = () => ({
  deployments: [aDeployment('api')],
  podDisruptionBudgets: [aPodDisruptionBudget('api')],
});

describe('evaluateEntity', () => {
  it('calls a well-kept warm reserve ready', () => {
    const view = anEntityView({
      primary: aPrimary({ ...workloads(), cronJobs: [aCronJob('mailer')] }),
      reserves: [
        aReserve({
          ...workloads(),
          cronJobs: [aCronJob('mailer', { suspend: true })],
        }),
      ],
    });
    const evaluation = evaluateEntity(view);
    expect(
      evaluation.checks.filter(
        c => !['pass', 'not-applicable'].includes(c.state),
      ),
    ).toEqual([]);
    expect(evaluation).toMatchObject({ score: 100, verdict: 'ready' });
  });

  it('calls a reserve whose CronJobs are left active not ready', () => {
    const view = anEntityView({
      primary: aPrimary({ ...workloads(), cronJobs: [aCronJob('mailer')] }),
      reserves: [aReserve({ ...workloads(), cronJobs: [aCronJob('mailer')] })],
    });
    expect(evaluateEntity(view).verdict).toBe('not-ready');
  });

  it('never calls an entity ready when its reserve cannot be read', () => {
    const view = anEntityView({
      primary: aPrimary(workloads()),
      reserves: [unreachable(aReserve(workloads()))],
    });
    const evaluation = evaluateEntity(view);
    expect(evaluation.verdict).toBe('unknown');
    expect(evaluation.score).toBeLessThan(100);
  });

  it('turns a check that throws into unknown instead of failing the report', () => {
    const evaluation = evaluateEntity(anEntityView(), [
      {
        id: 'parity.images',
        run: () => {
          throw new Error('unexpected manifest');
        },
      },
    ]);
    expect(evaluation.checks).toEqual([
      {
        id: 'parity.images',
        state: 'unknown',
        message: 'The check failed: unexpected manifest',
        clusters: [],
      },
    ]);
    expect(evaluation.verdict).toBe('unknown');
  });
});
