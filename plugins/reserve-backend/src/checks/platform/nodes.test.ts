import {
  aClusterNode,
  aHealthyCluster,
  anEntityView,
  primaryFacts,
  reserveFacts,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkNodes, nodesResult } from './nodes';

const withNodes = (nodes: ReturnType<typeof aClusterNode>[]) =>
  aHealthyCluster(reserveFacts, { nodes });
const master = aClusterNode('cp-1', 'control-plane', { zone: 'a' });

describe('platform.nodes', () => {
  it('passes Ready nodes with two schedulable workers, reporting zones', () => {
    const result = nodesResult(
      withNodes([
        master,
        aClusterNode('w-1', 'worker', { zone: 'a' }),
        aClusterNode('w-2', 'worker', { zone: 'b' }),
      ]),
    );
    expect(result).toMatchObject({
      state: 'pass',
      message:
        '3 of 3 nodes Ready on reserve-ams; 2 schedulable workers across 2 zones (a, b)',
    });
  });

  it('fails with a single schedulable worker', () => {
    const result = nodesResult(
      withNodes([master, aClusterNode('w-1', 'worker')]),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('1 Ready, schedulable worker'),
    });
  });

  it('does not count control-plane nodes as workers', () => {
    const masters = ['cp-1', 'cp-2', 'cp-3'].map(n =>
      aClusterNode(n, 'control-plane'),
    );
    expect(nodesResult(withNodes(masters)).state).toBe('fail');
  });

  it('warns about a NotReady node while two workers remain', () => {
    const result = nodesResult(
      withNodes([
        aClusterNode('w-1', 'worker'),
        aClusterNode('w-2', 'worker'),
        aClusterNode('w-3', 'worker', { ready: false }),
      ]),
    );
    expect(result).toMatchObject({
      state: 'warn',
      message: expect.stringContaining('w-3'),
    });
  });

  it('fails when cordoned and NotReady nodes leave fewer than two workers', () => {
    const result = nodesResult(
      withNodes([
        aClusterNode('w-1', 'worker'),
        aClusterNode('w-2', 'worker', { unschedulable: true }),
        aClusterNode('w-3', 'worker', { ready: false }),
      ]),
    );
    expect(result.state).toBe('fail');
    expect(result.evidence).toHaveLength(3);
  });

  it('is unknown for an unreachable cluster', () => {
    expect(nodesResult(unreachable(aHealthyCluster(reserveFacts))).state).toBe(
      'unknown',
    );
  });

  it('reports the primary only for mode none', () => {
    const result = checkNodes(
      anEntityView({
        primary: aHealthyCluster(primaryFacts),
        reserves: [aHealthyCluster(reserveFacts, { nodes: [] })],
        policy: { mode: 'none' },
      }),
    );
    expect(result.clusters.map(c => [c.cluster, c.state])).toEqual([
      ['prod-fra', 'pass'],
    ]);
  });

  it('reports each cluster of the pair', () => {
    const result = checkNodes(
      anEntityView({
        primary: aHealthyCluster(primaryFacts),
        reserves: [aHealthyCluster(reserveFacts)],
      }),
    );
    expect(result.state).toBe('pass');
    expect(result.clusters).toHaveLength(2);
  });
});
