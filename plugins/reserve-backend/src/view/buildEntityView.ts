import type { KubernetesObject } from '@kubernetes/client-node';
import { DrillRecord, EntityPolicy } from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { COLLECTED_KINDS, ViewScope } from '../clusters/collectedKinds';
import { RegisteredCluster } from '../clusters/ClusterRegistry';
import { DigestedSecret } from '../clusters/secretDigest';
import { DigestedConfigMap, digestConfigMap } from '../clusters/compactObjects';
import { PlatformThresholds } from '../platform/thresholds';
import {
  ClusterObjectLists,
  ClusterSideView,
  ConfigMapDigest,
  EntityView,
  SecretDigest,
} from './EntityView';
import { EntitySelection } from './entitySelection';
import { selectObjects } from './objectIndex';

/** Where the view builder finds configured clusters and their latest snapshots. */
export interface SnapshotSource {
  cluster(name: string): RegisteredCluster | undefined;
  snapshot(name: string): ClusterSnapshot;
}

type ListName = keyof ClusterObjectLists;

// The entity view's lists of each scope, with the collected kind each is read from.
const listsOf = (scope: ViewScope) =>
  COLLECTED_KINDS.flatMap(kind =>
    kind.views
      .filter(entry => entry.scope === scope)
      .map(({ list }) => ({ list: list as ListName, key: kind.key })),
  );
const LABELLED = listsOf('labelled');
const IN_NAMESPACES = listsOf('namespaces');
const CLUSTER_WIDE = listsOf('cluster');

/**
 * Assembles what the checks see of one entity: its objects on every cluster of its pair,
 * from the snapshots only. A kind whose last listing did not succeed stays undefined, so the
 * checks that need it answer unknown.
 */
export function buildEntityView(options: {
  entityRef: string;
  selection: EntitySelection;
  policy: EntityPolicy;
  source: SnapshotSource;
  now: Date;
  /** The entity's recorded restore drills (from the drill store); none when not given. */
  drills?: DrillRecord[];
  /** Certificate thresholds for the platform checks; the built-in ones when not given. */
  thresholds?: PlatformThresholds;
}): EntityView {
  const {
    entityRef,
    selection,
    policy,
    source,
    now,
    drills = [],
    thresholds,
  } = options;
  const pair = policy.clusters;
  const names = pair ? [pair.primary, ...pair.reserves] : [];
  const unconfiguredClusters = names.filter(name => !source.cluster(name));
  const snapshots = names
    .filter(name => source.cluster(name))
    .map(name => source.snapshot(name));
  const namespaces = selection.namespace
    ? [selection.namespace]
    : entityNamespaces(selection, snapshots);

  const side = (name: string, role: 'primary' | 'reserve') =>
    buildClusterSide(source, name, role, { selection, namespaces });

  return {
    entityRef,
    namespaces,
    policy,
    primary: pair ? side(pair.primary, 'primary') : undefined,
    reserves: (pair?.reserves ?? [])
      .map(name => side(name, 'reserve'))
      .filter((view): view is ClusterSideView => Boolean(view)),
    unconfiguredClusters,
    now,
    drills,
    ...(thresholds ? { thresholds } : {}),
  };
}

/** The namespaces of an entity without a namespace annotation: where its labelled workloads live. */
// Without a namespace annotation, the entity's namespaces are those its labelled workloads
// live in, on any cluster of its pair.
export function entityNamespaces(
  selection: EntitySelection,
  snapshots: ClusterSnapshot[],
): string[] {
  const namespaces = new Set<string>();
  for (const snapshot of snapshots) {
    for (const { key } of LABELLED) {
      const items = snapshot.kinds.get(key)?.items ?? [];
      for (const item of selectObjects(items, { selection })) {
        if (item.metadata?.namespace) namespaces.add(item.metadata.namespace);
      }
    }
  }
  return [...namespaces].sort();
}

function convert(list: ListName, items: KubernetesObject[]): unknown[] {
  if (list === 'configMaps') {
    return (items as DigestedConfigMap[]).map(
      (item): ConfigMapDigest => ({
        namespace: item.metadata?.namespace ?? '',
        name: item.metadata?.name ?? '',
        labels: item.metadata?.labels ?? {},
        // Shared facts published by an instance older than ConfigMap digests hold data.
        keyHashes: item.keyHashes ?? digestConfigMap(item).keyHashes,
      }),
    );
  }
  if (list === 'secrets') {
    return (items as DigestedSecret[]).map(
      (item): SecretDigest => ({
        namespace: item.metadata?.namespace ?? '',
        name: item.metadata?.name ?? '',
        labels: item.metadata?.labels ?? {},
        type: item.type ?? 'Opaque',
        // Shared facts published by an instance older than ConfigMap digests hold data.
        keyHashes: item.keyHashes ?? digestConfigMap(item).keyHashes,
      }),
    );
  }
  return items;
}

/**
 * One cluster's side: its facts, status and lists. With an entity scope, namespaced lists
 * hold the entity's objects only; without one (a cluster on its own, for the platform page)
 * they are left out and only the cluster-wide lists are filled.
 */
export function buildClusterSide(
  source: SnapshotSource,
  name: string,
  role: 'primary' | 'reserve',
  scope?: { selection: EntitySelection; namespaces: string[] },
): ClusterSideView | undefined {
  const cluster = source.cluster(name);
  if (!cluster) {
    return undefined;
  }
  const snapshot = source.snapshot(name);
  const view: ClusterSideView = {
    cluster: { ...cluster.facts, role },
    status: snapshot.status,
    version: snapshot.version,
    apiCertificateNotAfter: snapshot.apiCertificateNotAfter,
    leasesSeenAt: snapshot.kinds.get('leases')?.fetchedAt.toISOString(),
  };
  const read = (key: string) => snapshot.kinds.get(key)?.items;
  const assign = (list: ListName, items: KubernetesObject[] | undefined) => {
    (view as unknown as Record<string, unknown>)[list] = items
      ? convert(list, items)
      : undefined;
  };
  if (scope) {
    const { selection, namespaces } = scope;
    const select = (
      key: string,
      within: Parameters<typeof selectObjects>[1],
    ) => {
      const items = read(key);
      return items && selectObjects(items, within);
    };
    for (const { list, key } of LABELLED) {
      assign(list, select(key, { namespaces, selection }));
    }
    for (const { list, key } of IN_NAMESPACES) {
      assign(list, select(key, { namespaces }));
    }
  }
  for (const { list, key } of CLUSTER_WIDE) {
    assign(list, read(key));
  }
  return view;
}
