import { ensureNamespace, prepareNewObject } from '../api/objectWrites';
import { ClusterState } from '../cluster/ClusterState';
import { KubeObject } from '../store/ObjectStore';
import { StoredBackup } from './BucketStore';
import {
  labelsSelected,
  namespaceSelected,
  ResourceFilter,
  resourceSelected,
} from './backupSelection';

/** What a restore did: objects created and objects skipped because they already existed. */
export interface RestoreOutcome {
  /** Objects the backup offered after filtering. */
  totalItems: number;
  /** Objects created. */
  itemsRestored: number;
  /** Warnings, one per object left alone because it already existed. */
  warnings: string[];
}

/** A restore's filter plus its namespace renames. */
export interface RestoreSpec extends ResourceFilter {
  /** Backup namespace → restore namespace. */
  namespaceMapping?: Record<string, string>;
}

/** Strips what the API server owns and what Velero drops before recreating an object. */
function cleaned(
  obj: KubeObject,
  namespace: string | undefined,
  labels: Record<string, string>,
): KubeObject {
  const {
    uid,
    resourceVersion,
    creationTimestamp,
    generation,
    managedFields,
    ownerReferences,
    deletionTimestamp,
    ...metadata
  } = obj.metadata as any;
  const copy: KubeObject = {
    ...structuredClone(obj),
    metadata: { ...metadata, labels: { ...metadata.labels, ...labels } },
  };
  if (namespace !== undefined) copy.metadata.namespace = namespace;
  delete copy.status;
  if (copy.kind === 'Service' && copy.spec?.clusterIP !== 'None') {
    delete copy.spec?.clusterIP;
    delete copy.spec?.clusterIPs;
  }
  return copy;
}

/**
 * Recreates the objects of a stored backup the way Velero restores them: filtered by the restore's
 * spec, namespaces renamed by namespaceMapping (target namespaces created), server-owned metadata
 * and status dropped, existing objects left alone with a warning (existing namespaces without
 * one), owned objects (whose owners recreate them) skipped.
 */
export function restoreObjects(
  cluster: ClusterState,
  backup: StoredBackup,
  spec: RestoreSpec,
  restoreName: string,
): RestoreOutcome {
  const mapping = spec.namespaceMapping ?? {};
  const labels = {
    'velero.io/backup-name': backup.name,
    'velero.io/restore-name': restoreName,
  };
  const outcome: RestoreOutcome = {
    totalItems: 0,
    itemsRestored: 0,
    warnings: [],
  };
  const candidates = backup.objects.filter(obj => {
    const info = cluster.kinds.byApiVersionKind(
      obj.apiVersion ?? '',
      obj.kind ?? '',
    );
    if (!info || !resourceSelected(spec, info) || !labelsSelected(spec, obj))
      return false;
    if (obj.metadata.ownerReferences) return false;
    const namespace =
      info === cluster.namespaces ? obj.metadata.name : obj.metadata.namespace;
    return namespace === undefined || namespaceSelected(spec, namespace);
  });
  // Namespaces first, so the objects in them have somewhere to go.
  const ordered = [
    ...candidates.filter(o => o.kind === 'Namespace'),
    ...candidates.filter(o => o.kind !== 'Namespace'),
  ];
  for (const obj of ordered) {
    outcome.totalItems += 1;
    const info = cluster.kinds.byApiVersionKind(obj.apiVersion!, obj.kind!)!;
    let target: KubeObject;
    if (info === cluster.namespaces) {
      const name = mapping[obj.metadata.name] ?? obj.metadata.name;
      target = cleaned(obj, undefined, labels);
      target.metadata.name = name;
      target.metadata.labels!['kubernetes.io/metadata.name'] = name;
    } else {
      const namespace = obj.metadata.namespace;
      const mapped =
        namespace === undefined ? undefined : mapping[namespace] ?? namespace;
      target = cleaned(obj, mapped, labels);
      if (mapped !== undefined) ensureNamespace(cluster, mapped);
    }
    const existing = cluster.store.get(
      info,
      target.metadata.namespace,
      target.metadata.name,
    );
    // A namespace that exists is restored into as it is, without a warning (Velero's
    // ensureNamespaceExistsAndIsReady).
    if (existing && info === cluster.namespaces) continue;
    if (existing) {
      outcome.warnings.push(
        `could not restore, ${info.kind} "${target.metadata.name}" already exists. Warning: the in-cluster version is different than the backed-up version`,
      );
      continue;
    }
    cluster.store.add(info, prepareNewObject(info, target, false));
    outcome.itemsRestored += 1;
  }
  return outcome;
}
