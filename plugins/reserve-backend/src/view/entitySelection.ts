import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import type { KubernetesObject } from '@kubernetes/client-node';
import { PolicyProblem } from '@kube-reserve/plugin-reserve-common';
import {
  LabelSelector,
  parseLabelSelector,
  selectorMatches,
} from '../kube/labelSelector';

// The Kubernetes plugin reads this annotation by its literal name; it exports no constant for it.
const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** Which Kubernetes objects belong to an entity, the way the Kubernetes plugin decides it. */
export interface EntitySelection {
  /** The selector as text, for messages, e.g. `backstage.io/kubernetes-id=checkout`. */
  selector: string;
  /** Set by `backstage.io/kubernetes-namespace`: only objects in this namespace count. */
  namespace?: string;
  /** True when the object carries the entity's labels (and is in one of the namespaces, if given). */
  owns(object: KubernetesObject, namespaces?: string[]): boolean;
  /** A malformed label-selector annotation; the selection then matches nothing. */
  problem?: PolicyProblem;
  /**
   * A label every owned object carries with one of these values (the selector's first `=` or
   * `in` requirement), for looking objects up instead of testing each; none for selectors
   * without one (`!legacy`, `tier notin (a)`).
   */
  lookup?: { key: string; values: string[] };
}

/**
 * Reads an entity's Kubernetes annotations: `backstage.io/kubernetes-label-selector` if set,
 * else the label `backstage.io/kubernetes-id` with the annotation's value or, like the
 * Kubernetes plugin, the entity's name.
 */
export function selectEntityObjects(entity: Entity): EntitySelection {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const selector =
    annotations[KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION] ||
    `${KUBERNETES_ANNOTATION}=${
      annotations[KUBERNETES_ANNOTATION] || entity.metadata.name
    }`;
  let parsed: LabelSelector;
  try {
    parsed = parseLabelSelector(selector);
  } catch (error) {
    return {
      selector,
      namespace,
      owns: () => false,
      problem: {
        annotation: KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
        message: (error as Error).message,
      },
    };
  }
  const lookup = parsed.matchExpressions?.find(
    requirement =>
      requirement.operator === 'In' && (requirement.values ?? []).length > 0,
  );
  return {
    selector,
    namespace,
    ...(lookup ? { lookup: { key: lookup.key, values: lookup.values! } } : {}),
    owns: (object, namespaces) => {
      const objectNamespace = object.metadata?.namespace ?? '';
      if (namespace && objectNamespace !== namespace) return false;
      if (namespaces && !namespaces.includes(objectNamespace)) return false;
      return selectorMatches(parsed, object.metadata?.labels);
    },
  };
}
