import { createHash } from 'node:crypto';
import type {
  KubernetesObject,
  V1EndpointAddress,
  V1Endpoints,
} from '@kubernetes/client-node';
import {
  VeleroBackup,
  VeleroRestore,
  veleroBackupSpecFields,
  veleroBackupStatusFields,
  veleroRestoreSpecFields,
  veleroRestoreStatusFields,
} from '../kube/veleroTypes';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** How the collector keeps one object of a kind: only what checks, runbooks and actions read. */
export type Compactor = (item: KubernetesObject) => KubernetesObject;

type Fields = Record<string, unknown>;

/** The named fields of a record that it has, or undefined when it has none. */
function pick(value: unknown, fields: readonly string[]): Fields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Fields;
  const kept: Fields = {};
  for (const field of fields) {
    if (record[field] !== undefined) kept[field] = record[field];
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** An object with the given top-level fields, leaving out those that are undefined. */
function withFields(item: KubernetesObject, fields: Fields): KubernetesObject {
  const result: Fields = { apiVersion: item.apiVersion, kind: item.kind };
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined) result[field] = value;
  }
  return result as KubernetesObject;
}

/**
 * Last-applied annotations repeat the whole object (for Secrets, their values) and managed
 * fields are bookkeeping: neither is read by any check. Every kind drops them.
 */
export function withoutBulkyMetadata(item: KubernetesObject): KubernetesObject {
  const metadata = item.metadata;
  if (!metadata) {
    return item;
  }
  const { managedFields: _managedFields, ...rest } = metadata;
  if (rest.annotations?.[LAST_APPLIED]) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } = rest.annotations;
    rest.annotations = annotations;
  }
  return { ...item, metadata: rest };
}

/**
 * A Node as platform/nodeFacts reads it: name and labels (roles, zones), cordon and taints,
 * its conditions' type and status, and the kubelet version. Left out is what weighs most and
 * changes most on a real cluster: the images the kubelet holds (often hundreds), volumes,
 * addresses, capacity, annotations, and the conditions' heartbeat times and messages, which
 * the kubelet rewrites every few minutes without anything read changing.
 */
export function compactNode(item: KubernetesObject): KubernetesObject {
  const node = item as KubernetesObject & { spec?: Fields; status?: Fields };
  const { annotations: _annotations, ...metadata } =
    withoutBulkyMetadata(item).metadata ?? {};
  const conditions = node.status?.conditions;
  return withFields(item, {
    metadata,
    spec: pick(node.spec, ['unschedulable', 'taints']),
    status: pick(
      {
        conditions: Array.isArray(conditions)
          ? conditions.map(condition =>
              pick(condition, ['type', 'status', 'reason']),
            )
          : undefined,
        nodeInfo: pick(node.status?.nodeInfo, ['kubeletVersion']),
      },
      ['conditions', 'nodeInfo'],
    ),
  });
}

/** A ConfigMap reduced to one hash per key: enough to tell same, different and missing. */
export interface DigestedConfigMap extends KubernetesObject {
  keyHashes: Record<string, string>;
}

const hashOf = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * A ConfigMap as parity.site-config compares it: a hash per key, of `data` and `binaryData`
 * alike (a key is in one or the other, never both), instead of values that may weigh
 * megabytes (dashboards, scripts, CA bundles). ConfigMaps hold no secrets, so the hash is
 * unkeyed and the same on every instance.
 */
export function digestConfigMap(
  configMap: KubernetesObject & {
    data?: Record<string, string>;
    binaryData?: Record<string, string>;
  },
): DigestedConfigMap {
  const keyHashes: Record<string, string> = {};
  for (const [key, value] of Object.entries(configMap.data ?? {})) {
    keyHashes[key] = hashOf(`data:${value ?? ''}`);
  }
  for (const [key, value] of Object.entries(configMap.binaryData ?? {})) {
    keyHashes[key] = hashOf(`binaryData:${value ?? ''}`);
  }
  return {
    apiVersion: configMap.apiVersion ?? 'v1',
    kind: 'ConfigMap',
    metadata: withoutBulkyMetadata(configMap).metadata,
    keyHashes,
  };
}

// An address the endpoints controller wrote for a Pod: only its IP is read (whether a Service
// has addresses at all); the pod reference and node name are most of its weight.
function compactAddress(address: V1EndpointAddress): V1EndpointAddress {
  return address.targetRef?.kind === 'Pod'
    ? {
        ip: address.ip,
        ...(address.hostname ? { hostname: address.hostname } : {}),
      }
    : address;
}

/**
 * Endpoints with the addresses of Pods reduced to their IPs. Addresses that point elsewhere
 * (those of a selectorless Service, which a failover may repoint and restore) stay whole.
 */
export function compactEndpoints(item: KubernetesObject): KubernetesObject {
  const endpoints = withoutBulkyMetadata(item) as V1Endpoints;
  if (!endpoints.subsets) return endpoints;
  return {
    ...endpoints,
    subsets: endpoints.subsets.map(subset => ({
      ...subset,
      ...(subset.addresses
        ? { addresses: subset.addresses.map(compactAddress) }
        : {}),
      ...(subset.notReadyAddresses
        ? { notReadyAddresses: subset.notReadyAddresses.map(compactAddress) }
        : {}),
    })),
  } as KubernetesObject;
}

/**
 * A Velero Backup or Restore with the spec and status fields its type in kube/veleroTypes
 * declares, which are those Kube Reserve reads (the type system holds the code to them).
 * Left out: hooks, progress counters that tick while a backup runs, item operations.
 */
function compactVelero(
  specFields: readonly string[],
  statusFields: readonly string[],
): Compactor {
  return item => {
    const object = withoutBulkyMetadata(item) as VeleroBackup | VeleroRestore;
    return withFields(item, {
      metadata: object.metadata,
      spec: pick(object.spec, specFields),
      status: pick(object.status, statusFields),
    });
  };
}

/** Compactors of the kinds that keep less than the whole object, by kind key. */
export const COMPACTORS: Readonly<Record<string, Compactor>> = {
  nodes: compactNode,
  configmaps: digestConfigMap,
  endpoints: compactEndpoints,
  'backups.velero.io': compactVelero(
    veleroBackupSpecFields,
    veleroBackupStatusFields,
  ),
  'restores.velero.io': compactVelero(
    veleroRestoreSpecFields,
    veleroRestoreStatusFields,
  ),
};

const factsMemo = new WeakMap<KubernetesObject, string>();

// What an object says apart from its resourceVersion, which every write bumps.
function factsOf(item: KubernetesObject): string {
  let facts = factsMemo.get(item);
  if (facts === undefined) {
    const { resourceVersion: _version, ...metadata } = item.metadata ?? {};
    facts = JSON.stringify({ ...item, metadata });
    factsMemo.set(item, facts);
  }
  return facts;
}

/**
 * Whether two compacted objects say the same: a write to a field no check reads (a Node's
 * heartbeat, a Backup's progress) leaves the compacted object as it was, and keeping the older
 * copy keeps the reports judged from it.
 */
export function sameFacts(a: KubernetesObject, b: KubernetesObject): boolean {
  return a === b || factsOf(a) === factsOf(b);
}

/** `before` when `after` holds the same objects in the same order, else `after`. */
export function unlessUnchanged(
  before: readonly KubernetesObject[] | undefined,
  after: KubernetesObject[],
): KubernetesObject[] {
  if (
    before &&
    before.length === after.length &&
    before.every((item, i) => sameFacts(item, after[i]))
  ) {
    return before as KubernetesObject[];
  }
  return after;
}
