import type {
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { ActionObjectRef } from '@kube-reserve/plugin-reserve-common';
import {
  ClusterRequestFailure,
  clientConfiguration,
  describeFailure,
} from '../clusters/ClusterConnection';
import { ClusterConnectionConfig } from '../clusters/ClusterRegistry';

/** A plain JSON Kubernetes object, as the actions read and write them. */
export type PlainObject = KubernetesObject & Record<string, any>;

/** A failed request of an action to a cluster, classified like the collector's. */
export class ClusterRequestError extends Error {
  constructor(
    readonly cluster: string,
    readonly failure: ClusterRequestFailure,
    what: string,
  ) {
    super(`${what} on ${cluster}: ${failure.message}`);
    this.name = 'ClusterRequestError';
  }
}

/** How messages name an object, e.g. `Deployment checkout/checkout`. */
export function describeObject(ref: ActionObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

// client-node hands typed objects (with Date instances) back; actions compare and store JSON.
function plain<T>(value: T): any {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function specOf(ref: ActionObjectRef): KubernetesObject {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
    },
  };
}

/**
 * Write access to one cluster for the actions, with the cluster's operator token (never the
 * collector's read-only one), every request bounded by the same timeout as collection.
 */
export class ClusterOperator {
  private constructor(
    readonly cluster: string,
    private readonly objects: KubernetesObjectApi,
    private readonly mergePatch: unknown,
  ) {}

  /** Connects with the operator token; the client library is ESM-only, hence the dynamic import. */
  static async create(
    config: ClusterConnectionConfig,
    timeoutMs: number,
  ): Promise<ClusterOperator> {
    const k8s = await import('@kubernetes/client-node');
    const configuration = await clientConfiguration(config, timeoutMs);
    return new ClusterOperator(
      config.name,
      new k8s.KubernetesObjectApi(configuration),
      k8s.PatchStrategy.MergePatch,
    );
  }

  private async request<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new ClusterRequestError(this.cluster, describeFailure(error), what);
    }
  }

  /** One object, or undefined when it does not exist. */
  async read(ref: ActionObjectRef): Promise<PlainObject | undefined> {
    try {
      return plain(await this.objects.read(specOf(ref) as any));
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.reason === 'absent') return undefined;
      throw new ClusterRequestError(
        this.cluster,
        failure,
        `reading ${describeObject(ref)}`,
      );
    }
  }

  /** Every object of a kind in a namespace. */
  async list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): Promise<PlainObject[]> {
    return this.request(`listing ${kind}`, async () => {
      const list = await this.objects.list(apiVersion, kind, namespace);
      return plain(list.items);
    });
  }

  /** A JSON merge patch (RFC 7386) on a named object; returns the object after it. */
  async patch(
    ref: ActionObjectRef,
    patch: Record<string, unknown>,
  ): Promise<PlainObject> {
    return this.request(`patching ${describeObject(ref)}`, async () =>
      plain(
        await this.objects.patch(
          { ...specOf(ref), ...patch } as any,
          undefined,
          undefined,
          'kube-reserve',
          undefined,
          this.mergePatch as any,
        ),
      ),
    );
  }

  /**
   * Creates an object; when one of that name exists already, returns it with `created: false`
   * so the caller can decide whether it is the same.
   */
  async create(
    manifest: PlainObject,
  ): Promise<{ created: boolean; object: PlainObject }> {
    const ref = {
      apiVersion: manifest.apiVersion!,
      kind: manifest.kind!,
      name: manifest.metadata!.name!,
      namespace: manifest.metadata?.namespace,
    };
    try {
      const object = plain(
        await this.objects.create(
          manifest,
          undefined,
          undefined,
          'kube-reserve',
        ),
      );
      return { created: true, object };
    } catch (error) {
      if ((error as { code?: unknown })?.code === 409) {
        const existing = await this.read(ref);
        if (existing) return { created: false, object: existing };
      }
      throw new ClusterRequestError(
        this.cluster,
        describeFailure(error),
        `creating ${describeObject(ref)}`,
      );
    }
  }

  /** Deletes an object; false when it was already gone. */
  async delete(ref: ActionObjectRef): Promise<boolean> {
    try {
      await this.objects.delete(specOf(ref) as any);
      return true;
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.reason === 'absent') return false;
      throw new ClusterRequestError(
        this.cluster,
        failure,
        `deleting ${describeObject(ref)}`,
      );
    }
  }
}
