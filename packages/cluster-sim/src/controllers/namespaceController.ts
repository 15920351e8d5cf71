import { ClusterState } from '../cluster/ClusterState';

/** Finishes deleting Terminating namespaces: removes everything in them, then the namespace. */
export function finalizeNamespaces(cluster: ClusterState): void {
  const namespaces = cluster.namespaces;
  for (const ns of cluster.store.list(namespaces)) {
    if (!ns.metadata.deletionTimestamp) continue;
    const name = ns.metadata.name;
    for (const info of cluster.kinds.kinds.filter(k => k.namespaced)) {
      for (const obj of cluster.store.list(info, name)) {
        cluster.store.remove(info, name, obj.metadata.name);
      }
    }
    cluster.store.remove(namespaces, undefined, name);
  }
}
