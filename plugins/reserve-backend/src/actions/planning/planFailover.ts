import {
  ActionObjectRef,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import { setCronJobsSuspended } from './cronJobSteps';
import { repointExternalService } from './externalServices';
import { PlanDraft, PlanOutline } from './PlanDraft';
import { refOf } from './objectState';
import {
  SideState,
  autoscalerOf,
  counterpart,
  nameOf,
  replicasOf,
  workloadsOf,
} from './sideState';

/** What a failover is planned from. */
export interface FailoverInput {
  policy: Pick<EntityPolicy, 'cronJobs' | 'externalServices'>;
  /** Entity namespaces, where the declared external services live. */
  namespaces: string[];
  primary: SideState;
  reserve: SideState;
  /** Reserve-side targets of external services (`kube-reserve.io/failover-targets`). */
  targets: ReadonlyMap<string, string>;
  scaleDownPrimary: boolean;
  waitTimeoutMs: number;
}

/**
 * Failover to the reserve: repoint the declared external services, grow the reserve to the
 * primary's replica counts (autoscalers first, so they do not shrink it back), suspend the
 * primary's CronJobs (when it answers) before resuming the reserve's, optionally scale the
 * primary to 0, then wait until the reserve's workloads are available. Pure.
 */
export function planFailover(input: FailoverInput): PlanOutline {
  const { primary, reserve, policy } = input;
  const draft = new PlanDraft();
  if (!primary.live) {
    draft.warn(
      `The primary ${primary.cluster} is unreachable (${
        primary.problem ?? 'no answer'
      }): its CronJobs cannot be suspended${
        input.scaleDownPrimary ? ' and its workloads cannot be scaled down' : ''
      }; replica counts come from its last snapshot.`,
    );
  }

  for (const service of policy.externalServices) {
    const target = input.targets.get(service);
    for (const namespace of input.namespaces) {
      if (!target) {
        draft.warn(
          `External service ${namespace}/${service} has no failover target (kube-reserve.io/failover-targets): it stays as it is on ${reserve.cluster}.`,
        );
        continue;
      }
      repointExternalService(draft, reserve, namespace, service, target);
    }
  }

  const waits: Array<ActionObjectRef & { replicas: number }> = [];
  for (const workload of workloadsOf(primary)) {
    if (primary.live)
      draft.read(primary.cluster, workload.kind, workload.object);
    const target = replicasOf(workload.object);
    const onReserve = counterpart(reserve, workload);
    if (!onReserve) {
      draft.warn(
        `${nameOf(workload.kind, workload.object)} is not on ${
          reserve.cluster
        } (parity.deployed): nothing to scale.`,
      );
      continue;
    }
    const autoscaler = autoscalerOf(reserve, onReserve);
    const primaryAutoscaler = autoscalerOf(primary, workload);
    if (autoscaler) {
      const minReplicas = primaryAutoscaler?.spec?.minReplicas ?? target;
      if ((autoscaler.spec?.minReplicas ?? 1) < minReplicas) {
        const maxReplicas = autoscaler.spec?.maxReplicas ?? minReplicas;
        draft.patch(
          reserve.cluster,
          'HorizontalPodAutoscaler',
          autoscaler,
          {
            spec: {
              minReplicas,
              ...(maxReplicas < minReplicas
                ? { maxReplicas: minReplicas }
                : {}),
            },
          },
          `Raise the minimum of ${nameOf(
            'HorizontalPodAutoscaler',
            autoscaler,
          )} on ${reserve.cluster} to ${minReplicas}`,
        );
      } else {
        draft.read(reserve.cluster, 'HorizontalPodAutoscaler', autoscaler);
      }
    }
    const current = replicasOf(onReserve.object);
    if (current < target) {
      draft.patch(
        reserve.cluster,
        workload.kind,
        onReserve.object,
        { spec: { replicas: target } },
        `Scale ${nameOf(workload.kind, onReserve.object)} on ${
          reserve.cluster
        } from ${current} to ${target}`,
      );
      waits.push({
        ...refOf(workload.kind, onReserve.object),
        replicas: target,
      });
    } else {
      draft.read(reserve.cluster, workload.kind, onReserve.object);
    }
  }

  if (policy.cronJobs === 'primary-only') {
    if (primary.live) {
      setCronJobsSuspended(draft, primary, true);
    }
    setCronJobsSuspended(draft, reserve, false);
  }

  if (input.scaleDownPrimary && primary.live) {
    for (const workload of workloadsOf(primary)) {
      draft.patch(
        primary.cluster,
        workload.kind,
        workload.object,
        { spec: { replicas: 0 } },
        `Scale ${nameOf(workload.kind, workload.object)} on ${
          primary.cluster
        } from ${replicasOf(workload.object)} to 0`,
      );
    }
  }

  if (waits.length > 0) {
    draft.waitForWorkloads(
      reserve.cluster,
      waits,
      input.waitTimeoutMs,
      'available at full size',
    );
  }
  return draft.outline();
}
