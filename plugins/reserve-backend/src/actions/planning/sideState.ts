import { ClusterObjectKind } from '../../view/EntityView';
import { PlainObject } from '../ClusterOperator';

/** The lists a failover or failback reads on each side of the pair. */
export type SideKind = Extract<
  ClusterObjectKind,
  | 'deployments'
  | 'statefulSets'
  | 'cronJobs'
  | 'horizontalPodAutoscalers'
  | 'services'
  | 'endpoints'
>;

/**
 * Where a side's list of one kind comes from when it could not be read just now: the
 * collector's last listing of it (with its age), or nothing at all.
 */
export type KindSource =
  | { from: 'listing'; problem: string; ageMs: number }
  | { from: 'unknown'; problem: string };

/** The entity's objects on one cluster of its pair, as a planner sees them. */
export interface SideState {
  cluster: string;
  /**
   * Whether the cluster answered just now. One that does not (unreachable, token refused) has
   * every list from its last listings, and nothing can be changed on it.
   */
  answers: boolean;
  /** Why the cluster does not answer, e.g. `connect ECONNREFUSED 10.0.0.1:6443`. */
  problem?: string;
  /**
   * The kinds not read live just now (a 500 or a 403 on that kind, or a cluster that does not
   * answer), with where their list comes from instead. A kind absent here was read live.
   */
  notLive: Partial<Record<SideKind, KindSource>>;
  deployments: PlainObject[];
  statefulSets: PlainObject[];
  cronJobs: PlainObject[];
  horizontalPodAutoscalers: PlainObject[];
  /** The declared external services, where they exist. */
  services: PlainObject[];
  endpoints: PlainObject[];
}

/** Whether a side's list of a kind was read live just now. */
export function isLive(side: SideState, kind: SideKind): boolean {
  return side.answers && !side.notLive[kind];
}

/** Whether anything is known of a side's list of a kind (live, or from an older listing). */
export function isKnown(side: SideState, kind: SideKind): boolean {
  return side.notLive[kind]?.from !== 'unknown';
}

/** A Deployment or StatefulSet with its kind. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  object: PlainObject;
}

/** The workload kinds a failover scales, by their list. */
export const workloadLists = [
  ['deployments', 'Deployment'],
  ['statefulSets', 'StatefulSet'],
] as const;

/** The list a workload kind is read in. */
export function listOf(kind: Workload['kind']): 'deployments' | 'statefulSets' {
  return kind === 'Deployment' ? 'deployments' : 'statefulSets';
}

/** The side's Deployments and StatefulSets, in that order. */
export function workloadsOf(side: SideState): Workload[] {
  return [
    ...side.deployments.map(object => ({
      kind: 'Deployment' as const,
      object,
    })),
    ...side.statefulSets.map(object => ({
      kind: 'StatefulSet' as const,
      object,
    })),
  ];
}

const sameName = (a: PlainObject, b: PlainObject) =>
  a.metadata?.namespace === b.metadata?.namespace &&
  a.metadata?.name === b.metadata?.name;

/** The same workload on another side, by kind, namespace and name. */
export function counterpart(
  side: SideState,
  workload: Workload,
): Workload | undefined {
  const list =
    workload.kind === 'Deployment' ? side.deployments : side.statefulSets;
  const object = list.find(o => sameName(o, workload.object));
  return object ? { kind: workload.kind, object } : undefined;
}

/** The HorizontalPodAutoscaler that scales a workload on a side, if any. */
export function autoscalerOf(
  side: SideState,
  workload: Workload,
): PlainObject | undefined {
  return side.horizontalPodAutoscalers.find(
    hpa =>
      hpa.metadata?.namespace === workload.object.metadata?.namespace &&
      hpa.spec?.scaleTargetRef?.kind === workload.kind &&
      hpa.spec?.scaleTargetRef?.name === workload.object.metadata?.name,
  );
}

/** The same CronJob on another side. */
export function counterpartCronJob(
  side: SideState,
  cronJob: PlainObject,
): PlainObject | undefined {
  return side.cronJobs.find(o => sameName(o, cronJob));
}

/** A workload's desired replicas (Kubernetes defaults a missing count to 1). */
export function replicasOf(object: PlainObject): number {
  return object.spec?.replicas ?? 1;
}

/** How messages name an object, e.g. `Deployment checkout/checkout`. */
export function nameOf(kind: string, object: PlainObject): string {
  return `${kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
}
