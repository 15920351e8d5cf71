import { ServiceUnavailableError } from '@backstage/errors';
import {
  ActionObjectRef,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import { setCronJobsSuspended } from './cronJobSteps';
import { repointExternalService } from './externalServices';
import { FailoverDraft } from './FailoverDraft';
import { PlanOutline } from './PlanDraft';
import { refOf } from './objectState';
import {
  SideState,
  Workload,
  autoscalerOf,
  counterpart,
  isKnown,
  listOf,
  nameOf,
  replicasOf,
  workloadLists,
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

type Waits = Array<ActionObjectRef & { replicas: number }>;

/**
 * Failover to the reserve: repoint the declared external services, grow the reserve to the
 * primary's replica counts (autoscalers first, so they do not shrink it back), suspend the
 * primary's CronJobs before resuming the reserve's, optionally scale the primary to 0, then
 * wait until the reserve's workloads are available. Pure.
 *
 * Every step on the reserve is planned, from an older listing when a kind cannot be listed
 * now; replica targets come from the primary's last known counts. A step on the primary that
 * its cluster or kind does not let the plan take is listed as skipped, with the reason. The
 * reserve must answer: a failover goes to a cluster that serves.
 */
export function planFailover(input: FailoverInput): PlanOutline {
  const { primary, reserve, policy } = input;
  if (!reserve.answers) {
    throw new ServiceUnavailableError(
      `Cannot plan failover: ${reserve.cluster} does not answer (${reserve.problem})`,
    );
  }
  const draft = new FailoverDraft({ goingTo: reserve, leaving: primary });

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

  for (const [list, kind] of workloadLists) {
    if (!isKnown(primary, list)) {
      draft.cannotPlan(
        primary,
        list,
        `the replica targets of the ${kind}s on ${reserve.cluster}`,
      );
    }
  }
  const waits: Waits = [];
  for (const workload of workloadsOf(primary)) {
    growOnReserve(draft, input, workload, waits);
  }

  if (policy.cronJobs === 'primary-only') {
    // The primary's first, so that nothing runs on both sides in between.
    setCronJobsSuspended(draft, primary, true);
    setCronJobsSuspended(draft, reserve, false);
  }

  if (input.scaleDownPrimary) {
    for (const [list, kind] of workloadLists) {
      if (!isKnown(primary, list)) {
        draft.unknownOn(primary, list, {
          title: `Scale the entity's ${kind}s on ${primary.cluster} to 0`,
          what: `scaling its ${kind}s to 0`,
        });
      }
    }
    for (const workload of workloadsOf(primary)) {
      const name = nameOf(workload.kind, workload.object);
      draft.patchOn(
        primary,
        listOf(workload.kind),
        workload.kind,
        workload.object,
        { spec: { replicas: 0 } },
        `Scale ${name} on ${primary.cluster} from ${replicasOf(
          workload.object,
        )} to 0`,
        `the scale-down of ${name} to 0`,
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

// Raises the reserve's autoscaler minimum and replicas of one workload to the primary's.
function growOnReserve(
  draft: FailoverDraft,
  input: FailoverInput,
  workload: Workload,
  waits: Waits,
): void {
  const { primary, reserve } = input;
  const list = listOf(workload.kind);
  const name = nameOf(workload.kind, workload.object);
  draft.readOn(primary, list, workload.kind, workload.object);
  const target = replicasOf(workload.object);
  const scaleUp = `the scale-up of ${name} to ${target}`;
  if (!isKnown(reserve, list)) {
    draft.cannotPlan(reserve, list, scaleUp);
    return;
  }
  const onReserve = counterpart(reserve, workload);
  if (!onReserve) {
    draft.warn(
      `${name} is not on ${reserve.cluster} (parity.deployed): nothing to scale.`,
    );
    return;
  }

  const primaryAutoscaler = autoscalerOf(primary, workload);
  const minReplicas = primaryAutoscaler?.spec?.minReplicas ?? target;
  const hpas = 'horizontalPodAutoscalers';
  if (!isKnown(reserve, hpas)) {
    draft.cannotPlan(
      reserve,
      hpas,
      `the autoscaler minimum of ${name} (${minReplicas})`,
    );
  } else {
    const autoscaler = autoscalerOf(reserve, onReserve);
    if (autoscaler && (autoscaler.spec?.minReplicas ?? 1) < minReplicas) {
      const maxReplicas = autoscaler.spec?.maxReplicas ?? minReplicas;
      const hpa = nameOf('HorizontalPodAutoscaler', autoscaler);
      const raise = `the minimum ${minReplicas} of ${hpa}`;
      draft.patchOn(
        reserve,
        hpas,
        'HorizontalPodAutoscaler',
        autoscaler,
        {
          spec: {
            minReplicas,
            ...(maxReplicas < minReplicas ? { maxReplicas: minReplicas } : {}),
          },
        },
        `Raise the minimum of ${hpa} on ${reserve.cluster} to ${minReplicas}`,
        raise,
      );
      draft.fromListing(primary, primaryAutoscaler ? hpas : list, raise);
      if (!isKnown(primary, hpas)) {
        draft.remark(
          primary,
          hpas,
          `${raise} is the replica count of ${name} there, not its own autoscaler's minimum`,
        );
      }
    } else if (autoscaler) {
      draft.readOn(reserve, hpas, 'HorizontalPodAutoscaler', autoscaler);
    }
  }

  const current = replicasOf(onReserve.object);
  if (current < target) {
    draft.patchOn(
      reserve,
      list,
      workload.kind,
      onReserve.object,
      { spec: { replicas: target } },
      `Scale ${nameOf(workload.kind, onReserve.object)} on ${
        reserve.cluster
      } from ${current} to ${target}`,
      scaleUp,
    );
    draft.fromListing(primary, list, scaleUp);
    waits.push({ ...refOf(workload.kind, onReserve.object), replicas: target });
  } else {
    draft.readOn(reserve, list, workload.kind, onReserve.object);
  }
}
