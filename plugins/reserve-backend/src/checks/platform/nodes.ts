import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { countNodes, zonesOf } from '../../platform/nodeFacts';
import { readSide } from '../../view/clusterData';
import { Finding, clusterResult } from '../outcome';
import { checkEachCluster } from './clusterScoped';

const id = 'platform.nodes';
const minimumWorkers = 2;

/**
 * One cluster's nodes: fewer than two Ready, schedulable workers fails (one failure or drain
 * leaves nowhere to run pods); any NotReady or cordoned node warns. Zones are reported.
 */
export function nodesResult(side: ClusterSideView): ClusterCheckResult {
  const cluster = side.cluster.name;
  const data = readSide(side, ['nodes']);
  if ('unknown' in data) return data.unknown;
  const { nodes } = data.lists;
  const counts = countNodes(nodes);
  const zones = zonesOf(nodes);
  const zoneText =
    zones.length > 0
      ? `across ${zones.length} zone${
          zones.length === 1 ? '' : 's'
        } (${zones.join(', ')})`
      : 'with no zone labels';
  const findings: Finding[] = [];
  if (counts.schedulableWorkers < minimumWorkers) {
    findings.push({
      state: 'fail',
      text: `${cluster} has ${
        counts.schedulableWorkers
      } Ready, schedulable worker${
        counts.schedulableWorkers === 1 ? '' : 's'
      } (${
        counts.workers
      } workers in all); at least ${minimumWorkers} are needed`,
    });
  }
  if (counts.notReady.length > 0) {
    findings.push({
      state: 'warn',
      text: `${counts.notReady.length} node${
        counts.notReady.length === 1 ? ' is' : 's are'
      } not Ready on ${cluster}: ${counts.notReady.join(', ')}`,
    });
  }
  if (counts.cordoned.length > 0) {
    findings.push({
      state: 'warn',
      text: `${counts.cordoned.length} node${
        counts.cordoned.length === 1 ? ' is' : 's are'
      } cordoned on ${cluster}: ${counts.cordoned.join(', ')}`,
    });
  }
  return clusterResult(cluster, findings, {
    message: `${counts.ready} of ${counts.total} nodes Ready on ${cluster}; ${counts.schedulableWorkers} schedulable workers ${zoneText}`,
  });
}

/** platform.nodes: every cluster of the pair has Ready nodes and at least two schedulable workers. */
export function checkNodes(view: EntityView): CheckResult {
  return checkEachCluster(view, id, nodesResult);
}
