import { isDeepStrictEqual } from 'node:util';
import { ActionObjectRef } from '@kube-reserve/plugin-reserve-common';
import { PlainObject } from '../ClusterOperator';

/** The API version the actions use for each kind they touch. */
export const apiVersionOf: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Service: 'v1',
  Endpoints: 'v1',
  Namespace: 'v1',
  Schedule: 'velero.io/v1',
  Backup: 'velero.io/v1',
  Restore: 'velero.io/v1',
};

/** The reference of an object of a kind (list items carry no kind of their own). */
export function refOf(kind: string, object: PlainObject): ActionObjectRef {
  return {
    apiVersion: apiVersionOf[kind],
    kind,
    ...(object.metadata?.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    name: object.metadata?.name ?? '',
  };
}

/** A stable key of an object on a cluster. */
export function objectKey(cluster: string, ref: ActionObjectRef): string {
  return [cluster, ref.kind, ref.namespace ?? '', ref.name].join('/');
}

// The fields a plan depends on, per kind: a change elsewhere (a status update, a label) does
// not make a plan stale, a change here does.
const projections: Record<string, (o: PlainObject) => unknown> = {
  Deployment: o => ({ spec: { replicas: o.spec?.replicas ?? 1 } }),
  StatefulSet: o => ({ spec: { replicas: o.spec?.replicas ?? 1 } }),
  HorizontalPodAutoscaler: o => ({
    spec: {
      minReplicas: o.spec?.minReplicas ?? 1,
      maxReplicas: o.spec?.maxReplicas ?? null,
    },
  }),
  CronJob: o => ({ spec: { suspend: o.spec?.suspend ?? false } }),
  Service: o => ({
    spec: {
      type: o.spec?.type ?? 'ClusterIP',
      externalName: o.spec?.externalName ?? null,
    },
  }),
  Endpoints: o => ({ subsets: o.subsets ?? [] }),
  Schedule: o => ({
    metadata: {
      labels: o.metadata?.labels ?? {},
      annotations: o.metadata?.annotations ?? {},
    },
    spec: { template: o.spec?.template ?? {} },
  }),
  Backup: o => ({ status: { phase: o.status?.phase ?? '' } }),
  Namespace: () => ({ exists: true }),
};

/** What a plan depends on of an object (`null` for an absent one). */
export function projectionOf(
  kind: string,
  object: PlainObject | undefined,
): unknown {
  if (!object) return null;
  const project = projections[kind];
  return JSON.parse(JSON.stringify(project ? project(object) : {}));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Applies a JSON merge patch (RFC 7386): objects merge, arrays and scalars replace, null removes. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** The values of `object` at the paths `shape` sets (missing: null), to show before a patch. */
export function valuesAt(
  object: unknown,
  shape: Record<string, unknown>,
): Record<string, unknown> {
  const source = isRecord(object) ? object : {};
  return Object.fromEntries(
    Object.entries(shape).map(([key, value]) => [
      key,
      isRecord(value)
        ? valuesAt(source[key], value)
        : JSON.parse(JSON.stringify(source[key] ?? null)),
    ]),
  );
}

/** Whether a merge patch would change nothing on the object. */
export function patchIsApplied(
  object: unknown,
  patch: Record<string, unknown>,
): boolean {
  return isDeepStrictEqual(valuesAt(object, patch), normalise(patch));
}

/** Deep equality of JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(normalise(a), normalise(b));
}

function normalise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Velero's stamp for names it generates: `YYYYMMDDhhmmss` in UTC. */
export function veleroStamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
