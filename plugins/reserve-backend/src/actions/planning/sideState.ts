import { PlainObject } from '../ClusterOperator';

/** The entity's objects on one cluster of its pair, as a planner sees them. */
export interface SideState {
  cluster: string;
  /**
   * True when read live from the cluster just now. False for a primary that did not answer:
   * its objects then come from the last snapshot (replica counts to aim for) and nothing is
   * planned on it.
   */
  live: boolean;
  /** Why the side is not live, e.g. `no answer within the timeout`. */
  problem?: string;
  deployments: PlainObject[];
  statefulSets: PlainObject[];
  cronJobs: PlainObject[];
  horizontalPodAutoscalers: PlainObject[];
  /** The declared external services, where they exist. */
  services: PlainObject[];
  endpoints: PlainObject[];
}

/** A Deployment or StatefulSet with its kind. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  object: PlainObject;
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
