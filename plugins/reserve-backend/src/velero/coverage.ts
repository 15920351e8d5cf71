import { selectorMatches } from '../kube/labelSelector';
import {
  GroupResource,
  groupResourceString,
  resolveResourceItem,
} from './groupResources';
import { includedBy, includedByScopedFilter } from './includesExcludes';
import { LabelSelectorSpec, VeleroBackupSpec } from '../kube/veleroTypes';

/** One object of the entity a backup should contain. */
export interface CoveredObject {
  /** How messages name it, e.g. `Deployment shop/api`. */
  ref: string;
  namespace: string;
  groupResource: GroupResource;
  labels: Record<string, string>;
}

/** What a backup spec leaves out of the entity, and why. */
export interface BackupCoverage {
  /** True when the spec takes at least one of the entity's objects (or namespaces). */
  covers: boolean;
  /** One line per object left out, e.g. `Deployment shop/api: resource excluded`. */
  uncovered: string[];
  /** Set when Velero would reject the spec outright, so it covers nothing. */
  invalid?: string;
}

function labelSelectors(
  spec: VeleroBackupSpec,
): LabelSelectorSpec[] | undefined {
  // A Schedule's template reaches the Backup through Go's omitempty, which drops an empty
  // orLabelSelectors list, so only a non-empty one competes with labelSelector.
  const or = spec.orLabelSelectors ?? [];
  if (or.length > 0) return or;
  return spec.labelSelector ? [spec.labelSelector] : undefined;
}

function resourceIncluded(spec: VeleroBackupSpec, name: string): boolean {
  const oldFilters =
    (spec.includeClusterResources ?? null) !== null ||
    (spec.includedResources ?? []).length > 0 ||
    (spec.excludedResources ?? []).length > 0;
  const resolve = (items?: string[] | null) =>
    items?.map(item => (item === '*' ? item : resolveResourceItem(item)));
  // Velero uses the old filters as soon as one of them is set, and the scoped ones otherwise.
  return oldFilters
    ? includedBy(
        name,
        resolve(spec.includedResources),
        resolve(spec.excludedResources),
      )
    : includedByScopedFilter(
        name,
        resolve(spec.includedNamespaceScopedResources),
        resolve(spec.excludedNamespaceScopedResources),
      );
}

/**
 * Whether which of the entity's objects a backup spec takes depends on the objects themselves
 * (label selectors, resource filters), not on their namespaces alone.
 */
export function coverageDependsOnObjects(spec: VeleroBackupSpec): boolean {
  const set = (items?: unknown[] | null) => (items ?? []).length > 0;
  return (
    Boolean(spec.labelSelector) ||
    set(spec.orLabelSelectors) ||
    set(spec.includedResources) ||
    set(spec.excludedResources) ||
    (spec.includeClusterResources ?? null) !== null ||
    set(spec.includedNamespaceScopedResources) ||
    set(spec.excludedNamespaceScopedResources)
  );
}

/** Whether a backup spec takes a namespace, by Velero's namespace globs. */
export function namespaceIncluded(
  spec: VeleroBackupSpec,
  namespace: string,
): boolean {
  return includedBy(
    namespace,
    spec.includedNamespaces,
    spec.excludedNamespaces,
  );
}

/** Why a backup spec leaves one object out, or undefined when it takes it. */
export function exclusionReason(
  spec: VeleroBackupSpec,
  object: CoveredObject,
  options: { byLabels?: boolean } = {},
): string | undefined {
  if (!namespaceIncluded(spec, object.namespace)) {
    return `namespace ${object.namespace} not included`;
  }
  const resource = groupResourceString(object.groupResource);
  if (!resourceIncluded(spec, resource)) {
    return `${resource} not included`;
  }
  if (options.byLabels === false) return undefined;
  const selectors = labelSelectors(spec);
  // orLabelSelectors: an object matching any one selector is backed up.
  if (selectors && !selectors.some(s => selectorMatches(s, object.labels))) {
    return 'labels not selected';
  }
  return undefined;
}

/**
 * Whether a Velero backup spec (a Backup's, or a Schedule's template) would back up the
 * entity: its objects by namespace globs, resource filters and label selectors, or, when the
 * entity has no objects to judge by, its namespaces.
 */
export function backupCovers(
  spec: VeleroBackupSpec,
  namespaces: readonly string[],
  objects: readonly CoveredObject[],
): BackupCoverage {
  if ((spec.orLabelSelectors ?? []).length > 0 && spec.labelSelector) {
    const invalid =
      'labelSelector and orLabelSelectors are both set: Velero rejects the backup';
    return {
      covers: false,
      uncovered: objects.map(o => `${o.ref}: ${invalid}`),
      invalid,
    };
  }
  if (objects.length === 0) {
    const uncovered = namespaces
      .filter(namespace => !namespaceIncluded(spec, namespace))
      .map(namespace => `namespace ${namespace} not included`);
    return { covers: namespaces.length > uncovered.length, uncovered };
  }
  const uncovered = objects.flatMap(object => {
    const reason = exclusionReason(spec, object);
    return reason ? [`${object.ref}: ${reason}`] : [];
  });
  return { covers: uncovered.length < objects.length, uncovered };
}
