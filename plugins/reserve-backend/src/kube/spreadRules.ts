import type { V1PodAffinityTerm, V1PodSpec } from '@kubernetes/client-node';
import {
  LabelSelector,
  LabelSelectorRequirement,
  selectsEverything,
} from './labelSelector';

/** The namespaces whose pods a spread rule looks at. */
export type SpreadRuleNamespaces =
  /** The pod's own namespace: topology spread, or an affinity term naming none. */
  | { scope: 'own' }
  /** Every namespace: an affinity term with `namespaceSelector: {}`. */
  | { scope: 'all' }
  /** The listed names, plus those a non-empty namespaceSelector picks by labels (`byLabels`). */
  | { scope: 'listed'; names: string[]; byLabels: boolean };

/** A rule asking the scheduler to keep pods apart over a topology key. */
export interface SpreadRule {
  kind: 'topologySpreadConstraint' | 'podAntiAffinity';
  topologyKey: string;
  /**
   * The pods it counts, with the pod's own values of matchLabelKeys (and, for affinity,
   * mismatchLabelKeys) merged in as the API server merges them; undefined without a
   * labelSelector, which selects no pod.
   */
  selector?: LabelSelector;
  namespaces: SpreadRuleNamespaces;
}

function mergedSelector(
  selector: LabelSelector | undefined,
  podLabels: Record<string, string>,
  keys: { matching?: string[]; mismatching?: string[] },
): LabelSelector | undefined {
  // A null selector stays null: the keys narrow a selection, they never make one.
  if (!selector) return undefined;
  const own = (operator: 'In' | 'NotIn', list: string[] = []) =>
    list
      .filter(key => Object.prototype.hasOwnProperty.call(podLabels, key))
      .map(
        (key): LabelSelectorRequirement => ({
          key,
          operator,
          values: [podLabels[key]],
        }),
      );
  const added = [
    ...own('In', keys.matching),
    ...own('NotIn', keys.mismatching),
  ];
  return added.length === 0
    ? selector
    : {
        ...selector,
        matchExpressions: [...(selector.matchExpressions ?? []), ...added],
      };
}

function affinityNamespaces(term: V1PodAffinityTerm): SpreadRuleNamespaces {
  const names = term.namespaces ?? [];
  const selector = term.namespaceSelector;
  if (!selector) {
    return names.length === 0
      ? { scope: 'own' }
      : { scope: 'listed', names, byLabels: false };
  }
  return selectsEverything(selector)
    ? { scope: 'all' }
    : { scope: 'listed', names, byLabels: true };
}

function antiAffinityRule(
  term: V1PodAffinityTerm,
  podLabels: Record<string, string>,
): SpreadRule {
  return {
    kind: 'podAntiAffinity',
    topologyKey: term.topologyKey,
    selector: mergedSelector(term.labelSelector, podLabels, {
      matching: term.matchLabelKeys,
      mismatching: term.mismatchLabelKeys,
    }),
    namespaces: affinityNamespaces(term),
  };
}

/**
 * The spread rules of a pod spec (topologySpreadConstraints, and required or preferred
 * podAntiAffinity terms), each with the pods and namespaces it looks at, for a pod with
 * these labels.
 */
export function spreadRulesOf(
  podSpec: V1PodSpec | undefined,
  podLabels: Record<string, string>,
): SpreadRule[] {
  const antiAffinity = podSpec?.affinity?.podAntiAffinity;
  return [
    ...(podSpec?.topologySpreadConstraints ?? []).map(
      (constraint): SpreadRule => ({
        kind: 'topologySpreadConstraint',
        topologyKey: constraint.topologyKey,
        selector: mergedSelector(constraint.labelSelector, podLabels, {
          matching: constraint.matchLabelKeys,
        }),
        namespaces: { scope: 'own' },
      }),
    ),
    ...(antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      term => antiAffinityRule(term, podLabels),
    ),
    ...(
      antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    ).map(weighted => antiAffinityRule(weighted.podAffinityTerm, podLabels)),
  ];
}
