import type {
  V1Container,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1PodTemplateSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { ClusterObjectLists } from '../view/EntityView';

/** The workload kinds Kube Reserve compares across clusters. */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'CronJob';

/** A workload of any kind, reduced to what checks compare. */
export interface Workload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** How messages name it, e.g. `Deployment shop/api`; also its identity across clusters. */
  ref: string;
  /** Desired replicas (1 when unset, as the API defaults it); absent for DaemonSets and CronJobs. */
  replicas?: number;
  template: V1PodTemplateSpec;
  /** The workload's spec, for field-level comparison. */
  spec: object;
}

type Manifest = V1Deployment | V1StatefulSet | V1DaemonSet | V1CronJob;

function toWorkload(
  kind: WorkloadKind,
  object: Manifest,
  template: V1PodTemplateSpec | undefined,
  replicas?: number,
): Workload {
  const namespace = object.metadata?.namespace ?? 'default';
  const name = object.metadata?.name ?? '';
  return {
    kind,
    namespace,
    name,
    ref: `${kind} ${namespace}/${name}`,
    ...(replicas !== undefined ? { replicas } : {}),
    template: template ?? {},
    spec: object.spec ?? {},
  };
}

/** Deployments and StatefulSets: the workloads that have a replica count. */
export function scalableWorkloads(
  lists: Pick<ClusterObjectLists, 'deployments' | 'statefulSets'>,
): Workload[] {
  return [
    ...lists.deployments.map(d =>
      toWorkload('Deployment', d, d.spec?.template, d.spec?.replicas ?? 1),
    ),
    ...lists.statefulSets.map(s =>
      toWorkload('StatefulSet', s, s.spec?.template, s.spec?.replicas ?? 1),
    ),
  ];
}

/** Long-running workloads: Deployments, StatefulSets and DaemonSets. */
export function servingWorkloads(
  lists: Pick<
    ClusterObjectLists,
    'deployments' | 'statefulSets' | 'daemonSets'
  >,
): Workload[] {
  return [
    ...scalableWorkloads(lists),
    ...lists.daemonSets.map(d => toWorkload('DaemonSet', d, d.spec?.template)),
  ];
}

/** Every workload kind, CronJobs included. */
export function allWorkloads(
  lists: Pick<
    ClusterObjectLists,
    'deployments' | 'statefulSets' | 'daemonSets' | 'cronJobs'
  >,
): Workload[] {
  return [
    ...servingWorkloads(lists),
    ...lists.cronJobs.map(c =>
      toWorkload('CronJob', c, c.spec?.jobTemplate?.spec?.template),
    ),
  ];
}

/** The list kinds `allWorkloads` reads. */
export const workloadKinds = [
  'deployments',
  'statefulSets',
  'daemonSets',
  'cronJobs',
] as const;

/** The list kinds `servingWorkloads` reads. */
export const servingWorkloadKinds = [
  'deployments',
  'statefulSets',
  'daemonSets',
] as const;

/** The list kinds `scalableWorkloads` reads. */
export const scalableWorkloadKinds = ['deployments', 'statefulSets'] as const;

/** The workload's containers, init containers first when asked for. */
export function containersOf(
  workload: Workload,
  options: { includeInit?: boolean } = {},
): V1Container[] {
  const podSpec = workload.template.spec;
  return [
    ...(options.includeInit ? podSpec?.initContainers ?? [] : []),
    ...(podSpec?.containers ?? []),
  ];
}

/** The workloads of a list by their cross-cluster identity (`ref`). */
export function byRef(workloads: readonly Workload[]): Map<string, Workload> {
  return new Map(workloads.map(w => [w.ref, w]));
}
