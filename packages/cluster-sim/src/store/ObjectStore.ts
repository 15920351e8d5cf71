import { randomUUID } from 'node:crypto';
import { KindInfo } from '../kinds/kindTable';

/** A Kubernetes object as stored: plain JSON with apiVersion, kind and metadata. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: any;
};

/** A change to one object, as watch streams report it. */
export interface StoreEvent {
  /** ADDED, MODIFIED or DELETED. */
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The kind of the changed object. */
  info: KindInfo;
  /** The object after the change (for DELETED: as it was, with the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before the change, for MODIFIED and DELETED. */
  previous?: KubeObject;
  /** The cluster-wide resourceVersion the change produced. */
  resourceVersion: number;
}

/** How many past events a watch can resume from; older resourceVersions get 410 Gone. */
const EVENT_HISTORY = 5000;

/** An RFC 3339 timestamp with second precision, as the API server writes metadata times. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A MicroTime, as a Lease's renewTime: RFC 3339 with six fractional digits. */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The objects of one simulated cluster, with a cluster-wide resourceVersion counter and an event
 * history for watches. It stores whatever it is given: API semantics live in the callers.
 */
export class ObjectStore {
  private readonly objects = new Map<KindInfo, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private counter = 1000;

  /** The latest resourceVersion of the cluster. */
  get resourceVersion(): number {
    return this.counter;
  }

  /** A copy of one object, or undefined. */
  get(
    info: KindInfo,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const obj = this.bucket(info).get(keyOf(info, namespace, name));
    return obj && structuredClone(obj);
  }

  /** Copies of the objects of a kind, in one namespace or all, sorted by namespace and name. */
  list(info: KindInfo, namespace?: string): KubeObject[] {
    const all = [...this.bucket(info).entries()]
      .filter(
        ([, o]) =>
          !info.namespaced ||
          namespace === undefined ||
          o.metadata.namespace === namespace,
      )
      .sort(([a], [b]) => compareKeys(a, b));
    return all.map(([, o]) => structuredClone(o));
  }

  /** Stores a new object, giving it uid, creationTimestamp and resourceVersion when missing. */
  add(info: KindInfo, obj: KubeObject): KubeObject {
    const stored = structuredClone(obj);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= rfc3339(new Date());
    const rv = this.next();
    stored.metadata.resourceVersion = String(rv);
    this.bucket(info).set(
      keyOf(info, stored.metadata.namespace, stored.metadata.name),
      stored,
    );
    this.emit({ type: 'ADDED', info, object: stored, resourceVersion: rv });
    return structuredClone(stored);
  }

  /** Replaces an existing object with a new resourceVersion. */
  replace(info: KindInfo, obj: KubeObject): KubeObject {
    const key = keyOf(info, obj.metadata.namespace, obj.metadata.name);
    const previous = this.bucket(info).get(key);
    if (!previous) throw new Error(`replace of a missing ${info.kind} ${key}`);
    const stored = structuredClone(obj);
    const rv = this.next();
    stored.metadata.resourceVersion = String(rv);
    this.bucket(info).set(key, stored);
    this.emit({
      type: 'MODIFIED',
      info,
      object: stored,
      previous,
      resourceVersion: rv,
    });
    return structuredClone(stored);
  }

  /** Removes an object; answers the removed object, or undefined if there was none. */
  remove(
    info: KindInfo,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const key = keyOf(info, namespace, name);
    const previous = this.bucket(info).get(key);
    if (!previous) return undefined;
    this.bucket(info).delete(key);
    const rv = this.next();
    const object = { ...structuredClone(previous) };
    object.metadata.resourceVersion = String(rv);
    this.emit({ type: 'DELETED', info, object, previous, resourceVersion: rv });
    return structuredClone(object);
  }

  /**
   * The events after a resourceVersion, or undefined when the history no longer reaches back that
   * far (the caller answers 410 Gone).
   */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    const oldest = this.history[0]?.resourceVersion ?? this.counter + 1;
    if (resourceVersion < oldest - 1 && this.history.length >= EVENT_HISTORY)
      return undefined;
    return this.history.filter(e => e.resourceVersion > resourceVersion);
  }

  /** Calls the listener for every future change; answers the function that stops it. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  private emit(event: StoreEvent) {
    this.history.push(event);
    if (this.history.length > EVENT_HISTORY) this.history.shift();
    for (const listener of [...this.listeners]) listener(event);
  }

  private bucket(info: KindInfo): Map<string, KubeObject> {
    let bucket = this.objects.get(info);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(info, bucket);
    }
    return bucket;
  }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function keyOf(
  info: KindInfo,
  namespace: string | undefined,
  name: string,
): string {
  return info.namespaced ? `${namespace ?? ''}/${name}` : name;
}
