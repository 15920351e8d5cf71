import { ClusterState } from '../cluster/ClusterState';
import { KindInfo } from '../kinds/kindTable';
import { resolveKindName } from '../kinds/KindRegistry';
import {
  labelSelectorObjectMatcher,
  LabelSelectorObject,
} from '../selectors/labelSelector';
import { KubeObject } from '../store/ObjectStore';

/** The filter fields Backup and Restore specs share. */
export interface ResourceFilter {
  /** Namespaces to include, with `*` and `?` globs; empty means all. */
  includedNamespaces?: string[];
  /** Namespaces to leave out, with globs. */
  excludedNamespaces?: string[];
  /** Resources to include (`deployments`, `deployments.apps`, `*`); empty means all. */
  includedResources?: string[];
  /** Resources to leave out. */
  excludedResources?: string[];
  /** Objects must match this selector. */
  labelSelector?: LabelSelectorObject;
  /** Objects must match one of these selectors (takes precedence over labelSelector). */
  orLabelSelectors?: LabelSelectorObject[];
  /** Whether cluster-scoped resources are included; unset means only when all namespaces are. */
  includeClusterResources?: boolean | null;
}

/** Matches a name against a Velero namespace glob (`*` any run, `?` one character). */
export function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name);
}

/** Whether a namespace passes the included/excluded namespace globs. */
export function namespaceSelected(
  filter: ResourceFilter,
  namespace: string,
): boolean {
  const included = filter.includedNamespaces?.length
    ? filter.includedNamespaces
    : ['*'];
  return (
    included.some(p => globMatches(p, namespace)) &&
    !(filter.excludedNamespaces ?? []).some(p => globMatches(p, namespace))
  );
}

/** Whether a kind passes the included/excluded resource lists. */
export function resourceSelected(
  filter: ResourceFilter,
  info: KindInfo,
): boolean {
  const matches = (names: string[]) =>
    names.some(n => n === '*' || resolveKindName([info], n) === info);
  const included = filter.includedResources?.length
    ? filter.includedResources
    : ['*'];
  return matches(included) && !matches(filter.excludedResources ?? []);
}

/** Whether an object's labels pass labelSelector / orLabelSelectors. */
export function labelsSelected(
  filter: ResourceFilter,
  obj: KubeObject,
): boolean {
  if (filter.orLabelSelectors?.length) {
    return filter.orLabelSelectors.some(s =>
      labelSelectorObjectMatcher(s)(obj.metadata.labels),
    );
  }
  return labelSelectorObjectMatcher(filter.labelSelector)(obj.metadata.labels);
}

/** Kinds Velero never backs up: nodes, and its own objects. */
function backedUpKinds(cluster: ClusterState): KindInfo[] {
  return cluster.kinds.kinds.filter(
    k => k.plural !== 'nodes' && k.group !== 'velero.io',
  );
}

/** Whether cluster-scoped objects go into a backup with this filter. */
function includesClusterResources(filter: ResourceFilter): boolean {
  if (filter.includeClusterResources === true) return true;
  if (filter.includeClusterResources === false) return false;
  const included = filter.includedNamespaces ?? [];
  return (
    (included.length === 0 || included.includes('*')) &&
    !filter.excludedNamespaces?.length
  );
}

/** The objects a Backup with this filter covers, as copies with apiVersion and kind. */
export function selectBackupObjects(
  cluster: ClusterState,
  filter: ResourceFilter,
): KubeObject[] {
  const selected: KubeObject[] = [];
  for (const info of backedUpKinds(cluster)) {
    if (!resourceSelected(filter, info)) continue;
    for (const obj of cluster.store.list(info)) {
      const namespace = info.namespaced ? obj.metadata.namespace! : undefined;
      if (info === cluster.namespaces) {
        if (!namespaceSelected(filter, obj.metadata.name)) continue;
      } else if (namespace !== undefined) {
        if (!namespaceSelected(filter, namespace)) continue;
      } else if (!includesClusterResources(filter)) {
        continue;
      }
      if (labelsSelected(filter, obj)) selected.push(obj);
    }
  }
  return selected;
}
