import {
  aCronJob,
  aDeployment,
  aHealthyCluster,
  aPodDisruptionBudget,
  aPrimary,
  aReserve,
  anEntityView,
  healthyPrimaryVelero,
  healthyReserveVelero,
  primaryFacts,
  reserveFacts,
  unreachable,
} from '../view/__fixtures__/builders';
import { evaluateEntity } from './evaluate';

// Spread over hosts and zones, since the healthy clusters' nodes span three zones.
const spread = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(
  topologyKey => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: { app: 'api' } },
  }),
);

const workloads = () => ({
  deployments: [
    aDeployment('api', { podSpec: { topologySpreadConstraints: spread } }),
  ],
  podDisruptionBudgets: [aPodDisruptionBudget('api')],
});

describe('evaluateEntity', () => {
  it('calls a well-kept warm reserve ready', () => {
    const view = anEntityView({
      primary: aHealthyCluster(primaryFacts, {
        ...workloads(),
        ...healthyPrimaryVelero(),
        cronJobs: [aCronJob('mailer')],
      }),
      reserves: [
        aHealthyCluster(reserveFacts, {
          ...workloads(),
          ...healthyReserveVelero(),
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
      primary: aPrimary({ ...workloads(), ...healthyPrimaryVelero() }),
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
