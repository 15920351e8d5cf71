import {
  aClusterNode,
  aHealthyCluster,
  anEntityView,
  primaryFacts,
  reserveFacts,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkControlPlane, controlPlaneResult } from './controlPlane';

const workers = [aClusterNode('w-1', 'worker'), aClusterNode('w-2', 'worker')];
const masters = (count: number, ready = true) =>
  Array.from({ length: count }, (_, i) =>
    aClusterNode(`cp-${i + 1}`, 'control-plane', { ready }),
  );
const withMasters = (count: number, facts = reserveFacts) =>
  aHealthyCluster(facts, { nodes: [...masters(count), ...workers] });

describe('platform.control-plane', () => {
  it('passes three and five control-plane nodes', () => {
    expect(controlPlaneResult(withMasters(3)).state).toBe('pass');
    expect(controlPlaneResult(withMasters(5)).state).toBe('pass');
  });

  it('fails a single control-plane node, naming it', () => {
    expect(controlPlaneResult(withMasters(1))).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('1 control-plane node (cp-1)'),
    });
  });

  it('fails two control-plane nodes', () => {
    expect(controlPlaneResult(withMasters(2)).state).toBe('fail');
  });

  it('warns about an even count of four', () => {
    expect(controlPlaneResult(withMasters(4)).state).toBe('warn');
  });

  it('warns when a control-plane node is not Ready', () => {
    const side = aHealthyCluster(reserveFacts, {
      nodes: [
        ...masters(2),
        aClusterNode('cp-3', 'control-plane', { ready: false }),
      ],
    });
    expect(controlPlaneResult(side)).toMatchObject({
      state: 'warn',
      message: expect.stringContaining('cp-3'),
    });
  });

  it('counts the legacy master role label', () => {
    const legacy = masters(3).map(node => ({
      ...node,
      metadata: {
        ...node.metadata,
        labels: { 'node-role.kubernetes.io/master': '' },
      },
    }));
    expect(
      controlPlaneResult(aHealthyCluster(reserveFacts, { nodes: legacy }))
        .state,
    ).toBe('pass');
  });

  it('does not apply to a managed control plane, even with no master visible', () => {
    const managed = aHealthyCluster(
      { ...reserveFacts, managedControlPlane: true },
      { nodes: workers },
    );
    expect(controlPlaneResult(managed).state).toBe('not-applicable');
  });

  it('is unknown when no master is visible on a cluster not marked managed', () => {
    expect(
      controlPlaneResult(aHealthyCluster(reserveFacts, { nodes: workers })),
    ).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining('managedControlPlane: true'),
    });
  });

  it('is unknown when nodes cannot be read', () => {
    expect(controlPlaneResult(withoutKind(withMasters(3), 'nodes')).state).toBe(
      'unknown',
    );
  });

  it('reports each cluster of the pair', () => {
    const result = checkControlPlane(
      anEntityView({
        primary: withMasters(3, primaryFacts),
        reserves: [withMasters(1)],
      }),
    );
    expect(result.clusters.map(c => [c.cluster, c.state])).toEqual([
      ['prod-fra', 'pass'],
      ['reserve-ams', 'fail'],
    ]);
  });
});
