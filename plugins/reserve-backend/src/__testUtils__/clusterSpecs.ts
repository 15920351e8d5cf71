import { Simulator } from '@kube-reserve/cluster-sim';

/** The kinds whose objects a person could change, by resource name. */
export const editableKinds = [
  'deployments',
  'statefulsets',
  'cronjobs',
  'horizontalpodautoscalers',
  'services',
  'endpoints',
  'configmaps',
  'namespaces',
];

/**
 * Everything of a cluster a person could have changed, by `cluster/kind/namespace/name`: specs
 * and data, without what the API server and controllers maintain (status, versions, objects
 * owned by controllers).
 */
export function specsOf(sim: Simulator, cluster: string): Map<string, string> {
  const objects = sim.cluster(cluster).objects;
  const specs = new Map<string, string>();
  for (const kind of editableKinds) {
    for (const o of objects.list(kind)) {
      if (o.metadata.ownerReferences) continue;
      const { status, metadata, ...rest } = o as any;
      specs.set(
        `${cluster}/${kind}/${metadata.namespace ?? ''}/${metadata.name}`,
        JSON.stringify({ rest, labels: metadata.labels }),
      );
    }
  }
  return specs;
}

/** The keys whose specs differ between two {@link specsOf} readings, sorted. */
export function changedKeys(
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter(k => before.get(k) !== after.get(k)).sort();
}
