import { ClusterState } from '../cluster/ClusterState';

/** The ConfigMap kube-controller-manager's root-ca-cert-publisher keeps in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/**
 * What kube-controller-manager's root-ca-cert-publisher does: every namespace that is not being
 * deleted holds a `kube-root-ca.crt` ConfigMap with the cluster's CA (`ca.crt`), recreated when
 * deleted. Velero meets it when it restores a namespace into one that exists (it warns that the
 * in-cluster version differs), and collectors list it.
 */
export function publishRootCa(cluster: ClusterState, caPem: string): void {
  const configMaps = cluster.kind('configmaps');
  for (const ns of cluster.store.list(cluster.namespaces)) {
    if (ns.metadata.deletionTimestamp) continue;
    const name = ns.metadata.name;
    if (cluster.store.get(configMaps, name, ROOT_CA_CONFIGMAP)) continue;
    cluster.store.add(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ROOT_CA_CONFIGMAP, namespace: name },
      data: { 'ca.crt': caPem },
    });
  }
}
