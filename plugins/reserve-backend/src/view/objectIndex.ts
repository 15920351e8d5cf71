import type { KubernetesObject } from '@kubernetes/client-node';
import { EntitySelection } from './entitySelection';

/**
 * One listing's objects by namespace and, per label key asked for, by that label's value:
 * built once per listing (a listing keeps its array while its kind does not change), so that
 * finding an entity's objects costs what the entity has, not what the cluster holds.
 */
interface ObjectIndex {
  position: Map<KubernetesObject, number>;
  byNamespace: Map<string, KubernetesObject[]>;
  byLabel: Map<string, Map<string, KubernetesObject[]>>;
}

const indexes = new WeakMap<readonly KubernetesObject[], ObjectIndex>();

function grouped(
  items: readonly KubernetesObject[],
  keyOf: (item: KubernetesObject) => string | undefined,
): Map<string, KubernetesObject[]> {
  const groups = new Map<string, KubernetesObject[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function indexOf(items: readonly KubernetesObject[]): ObjectIndex {
  let index = indexes.get(items);
  if (!index) {
    index = {
      position: new Map(items.map((item, i) => [item, i])),
      byNamespace: grouped(items, item => item.metadata?.namespace ?? ''),
      byLabel: new Map(),
    };
    indexes.set(items, index);
  }
  return index;
}

function withLabel(
  items: readonly KubernetesObject[],
  key: string,
): Map<string, KubernetesObject[]> {
  const index = indexOf(items);
  let byValue = index.byLabel.get(key);
  if (!byValue) {
    byValue = grouped(items, item => item.metadata?.labels?.[key]);
    index.byLabel.set(key, byValue);
  }
  return byValue;
}

// The objects of several groups, in the listing's order.
function inListOrder(
  items: readonly KubernetesObject[],
  groups: Array<KubernetesObject[] | undefined>,
): KubernetesObject[] {
  const found = groups.filter((g): g is KubernetesObject[] => Boolean(g));
  if (found.length <= 1) return found[0] ?? [];
  const { position } = indexOf(items);
  return found.flat().sort((a, b) => position.get(a)! - position.get(b)!);
}

/**
 * The objects of a listing in the given namespaces (every namespace when none are given) that
 * the selection owns (every one when no selection is given), in the listing's order: the
 * same objects as filtering the listing, read from its index.
 */
export function selectObjects(
  items: readonly KubernetesObject[],
  scope: { namespaces?: readonly string[]; selection?: EntitySelection },
): KubernetesObject[] {
  const { namespaces, selection } = scope;
  const lookup = selection?.lookup;
  let candidates: readonly KubernetesObject[];
  if (lookup) {
    const byValue = withLabel(items, lookup.key);
    candidates = inListOrder(
      items,
      [...new Set(lookup.values)].map(value => byValue.get(value)),
    );
  } else if (namespaces) {
    const { byNamespace } = indexOf(items);
    candidates = inListOrder(
      items,
      [...new Set(namespaces)].map(namespace => byNamespace.get(namespace)),
    );
  } else {
    candidates = items;
  }
  return candidates.filter(
    item =>
      (!namespaces || namespaces.includes(item.metadata?.namespace ?? '')) &&
      (!selection || selection.owns(item, namespaces && [...namespaces])),
  );
}
