import {
  aDeployment,
  aHealthyCluster,
  aPodDisruptionBudget,
  aStatefulSet,
  reserveFacts,
  withoutKind,
} from '../view/__fixtures__/builders';
import { drainSafety } from './drainSafety';

const cluster = (lists: Parameters<typeof aHealthyCluster>[1]) =>
  aHealthyCluster(reserveFacts, lists);

describe('drainSafety', () => {
  it('passes workloads with more than one replica and a PDB allowing a disruption', () => {
    expect(
      drainSafety(
        cluster({
          deployments: [aDeployment('api')],
          podDisruptionBudgets: [aPodDisruptionBudget('api')],
        }),
      ).state,
    ).toBe('pass');
  });

  it('fails a single replica: a drain of its node stops it', () => {
    expect(
      drainSafety(
        cluster({
          deployments: [aDeployment('api', { replicas: 1 })],
          podDisruptionBudgets: [],
        }),
      ),
    ).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('1 replica'),
    });
  });

  it('warns about replicas without a PDB, which a drain may evict together', () => {
    expect(
      drainSafety(
        cluster({ statefulSets: [aStatefulSet('db', { replicas: 3 })] }),
      ).state,
    ).toBe('warn');
  });

  it('fails a PDB that allows no disruption, since the drain hangs', () => {
    expect(
      drainSafety(
        cluster({
          deployments: [aDeployment('api')],
          podDisruptionBudgets: [
            aPodDisruptionBudget('api', { minAvailable: 2 }),
          ],
        }),
      ).state,
    ).toBe('fail');
  });

  it('does not apply where the service runs nothing (a cold reserve at 0)', () => {
    expect(
      drainSafety(
        cluster({ deployments: [aDeployment('api', { replicas: 0 })] }),
      ).state,
    ).toBe('not-applicable');
  });

  it('is unknown when PDBs cannot be read', () => {
    expect(
      drainSafety(withoutKind(cluster({}), 'podDisruptionBudgets')).state,
    ).toBe('unknown');
  });
});
