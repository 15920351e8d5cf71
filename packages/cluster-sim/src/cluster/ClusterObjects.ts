import { deleteObject, putObject } from '../api/objectWrites';
import { KubeObject } from '../store/ObjectStore';
import { ClusterState } from './ClusterState';

/** A change to one object of a cluster, by the API or a controller. */
export interface ObjectChange {
  /** ADDED, MODIFIED or DELETED. */
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The plural resource name, e.g. `deployments`. */
  resource: string;
  /** The object after the change (for DELETED: as it was). */
  object: KubeObject;
  /** The object before the change, for MODIFIED and DELETED. */
  previous?: KubeObject;
}

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

  /**
   * Calls the listener on every future change of the cluster's objects, as it is stored: for a
   * write through the API, before the API answers it, so a test can act at the moment a
   * client's write has landed but the client has not heard of it. Answers the function that
   * stops it.
   */
  onChange(listener: (change: ObjectChange) => void): () => void {
    return this.cluster.store.subscribe(event =>
      listener({
        type: event.type,
        resource: event.info.plural,
        object: structuredClone(event.object),
        ...(event.previous
          ? { previous: structuredClone(event.previous) }
          : {}),
      }),
    );
  }

  /** The cluster's current resourceVersion. */
  get resourceVersion(): string {
    return String(this.cluster.store.resourceVersion);
  }
}
