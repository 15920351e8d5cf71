import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1Node } from '@kubernetes/client-node';
import { formatLabelSelector, selectorMatches } from '../../kube/labelSelector';
import { SpreadRule, spreadRulesOf } from '../../kube/spreadRules';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { unavailableReason } from '../../view/clusterData';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, servingSides } from '../sides';
import {
  Workload,
  scalableWorkloadKinds,
  scalableWorkloads,
} from '../workloads';

const id = 'workload.spread';
const hostnameKey = 'kubernetes.io/hostname';
const zoneKeys = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** Why a rule does not keep the workload's own pods apart, or undefined when it does. */
function whyRuleMissesPods(
  rule: SpreadRule,
  workload: Workload,
): string | undefined {
  const what = `${rule.kind} on ${rule.topologyKey}`;
  if (!rule.selector) {
    return `${what} has no labelSelector, so it selects no pods`;
  }
  const podLabels = workload.template.metadata?.labels ?? {};
  if (!selectorMatches(rule.selector, podLabels)) {
    return `${what} selects ${formatLabelSelector(
      rule.selector,
    )}, not the pods of ${workload.ref}`;
  }
  const { namespaces } = rule;
  if (namespaces.scope !== 'listed') return undefined;
  if (namespaces.names.includes(workload.namespace)) return undefined;
  return namespaces.byLabels
    ? `${what} picks namespaces by labels, which Kube Reserve cannot read, and does not list ${workload.namespace}, where ${workload.ref} runs`
    : `${what} looks at namespaces ${namespaces.names.join(', ')}, not ${
        workload.namespace
      }, where ${workload.ref} runs`;
}

/** Whether the workload spreads its own pods over one of these keys, and if not, why not. */
function spreadOver(
  workload: Workload,
  keys: string[],
): { spread: boolean; missed: string[] } {
  const rules = spreadRulesOf(
    workload.template.spec,
    workload.template.metadata?.labels ?? {},
  ).filter(rule => keys.includes(rule.topologyKey));
  const missed = rules.map(rule => whyRuleMissesPods(rule, workload));
  return {
    spread: missed.some(reason => reason === undefined),
    missed: missed.filter((reason): reason is string => reason !== undefined),
  };
}

function zonesOf(nodes: V1Node[]): string[] {
  const zones = nodes
    .map(node =>
      zoneKeys.map(key => node.metadata?.labels?.[key]).find(Boolean),
    )
    .filter((zone): zone is string => zone !== undefined);
  return [...new Set(zones)].sort();
}

function spreadFinding(
  workload: Workload,
  side: ClusterSideView,
): Finding | undefined {
  const cluster = side.cluster.name;
  const overNodes = spreadOver(workload, [hostnameKey]);
  if (!overNodes.spread) {
    const why =
      overNodes.missed.length > 0
        ? `: ${overNodes.missed.join('; ')}`
        : ` (no topologySpreadConstraints or podAntiAffinity on ${hostnameKey})`;
    return {
      state: 'fail',
      text: `${workload.ref} on ${cluster} is not spread across nodes${why}`,
    };
  }
  const overZones = spreadOver(workload, zoneKeys);
  if (overZones.spread) return undefined;
  if (side.nodes === undefined) {
    return {
      state: 'unknown',
      text: `cannot tell whether ${
        workload.ref
      } must spread across zones: ${unavailableReason(side, ['nodes'])}`,
    };
  }
  const zones = zonesOf(side.nodes);
  if (zones.length <= 1) return undefined;
  const why =
    overZones.missed.length > 0 ? `: ${overZones.missed.join('; ')}` : '';
  return {
    state: 'warn',
    text: `${
      workload.ref
    } on ${cluster} is not spread across zones although its nodes span ${zones.join(
      ', ',
    )}${why}`,
  };
}

/**
 * workload.spread: pods spread across nodes, and across zones where the nodes span zones, by
 * rules whose selectors select the workload's own pods.
 */
export function checkSpread(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: servingSides(view),
    kinds: scalableWorkloadKinds,
    evaluate: (lists, side): ClusterCheckResult => {
      const cluster = side.cluster.name;
      const workloads = scalableWorkloads(lists);
      const findings = workloads
        .map(w => spreadFinding(w, side))
        .filter((f): f is Finding => f !== undefined);
      return clusterResult(cluster, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No Deployments or StatefulSets on ${cluster}`
            : `Every Deployment and StatefulSet on ${cluster} spreads its pods`,
      });
    },
  });
}
