import { deleteObject, putObject } from '../api/objectWrites';
import { KubeObject } from '../store/ObjectStore';
import { ClusterState } from './ClusterState';

/**
 * Direct access to a cluster's objects for tests, past authentication and RBAC. Resources are named
 * as kubectl names them: `deployments`, `deploy`, `Deployment`, `backups.velero.io`.
 */
export class ClusterObjects {
  constructor(private readonly cluster: ClusterState) {}

  /** One object, or undefined. */
  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.cluster.store.get(this.cluster.kind(resource), namespace, name);
  }

  /** The objects of a kind, in one namespace or all. */
  list(resource: string, namespace?: string): KubeObject[] {
    return this.cluster.store.list(this.cluster.kind(resource), namespace);
  }

  /** Creates or replaces an object exactly as given, status included (namespaces are created as needed). */
  put(obj: KubeObject): KubeObject {
    const info = this.cluster.kinds.byApiVersionKind(
      obj.apiVersion ?? '',
      obj.kind ?? '',
    );
    if (!info)
      throw new Error(
        `cluster ${this.cluster.name} serves no ${obj.kind} (${obj.apiVersion})`,
      );
    return putObject(this.cluster, info, obj);
  }

  /** Deletes an object (a namespace goes Terminating, then away with its contents). */
  delete(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    return deleteObject(
      this.cluster,
      this.cluster.kind(resource),
      namespace,
      name,
    );
  }

  /** The cluster's current resourceVersion. */
  get resourceVersion(): string {
    return String(this.cluster.store.resourceVersion);
  }
}
