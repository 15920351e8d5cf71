import { ServiceUnavailableError } from '@backstage/errors';
import {
  ActionObjectRef,
  ActionPlan,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import { setCronJobsSuspended } from './cronJobSteps';
import { repointExternalServiceBack } from './externalServices';
import { FailoverDraft } from './FailoverDraft';
import { FailoverReversal } from './FailoverReversal';
import { PlanOutline } from './PlanDraft';
import { refOf } from './objectState';
import {
  SideState,
  autoscalerOf,
  counterpart,
  isKnown,
  listOf,
  nameOf,
  replicasOf,
  workloadLists,
  workloadsOf,
} from './sideState';

/** What a failback is planned from. */
export interface FailbackInput {
  policy: Pick<
    EntityPolicy,
    'mode' | 'replicaRatio' | 'cronJobs' | 'externalServices'
  >;
  namespaces: string[];
  /** Must answer: a failback goes back to a primary that serves. */
  primary: SideState;
  reserve: SideState;
  /** The entity's last failover to this reserve that Kube Reserve ran to success, if any. */
  previousFailover?: ActionPlan;
  waitTimeoutMs: number;
}

/** The size a reserve stands by at, by the entity's mode, for a primary of `full` replicas. */
export function standbyReplicas(
  policy: Pick<EntityPolicy, 'mode' | 'replicaRatio'>,
  full: number,
): number | undefined {
  switch (policy.mode) {
    case 'hot':
      return undefined;
    case 'cold':
      return 0;
    default: {
      const { primary, reserve } = policy.replicaRatio;
      return Math.ceil((full * reserve) / primary);
    }
  }
}

/**
 * Failback to the primary, the failover's reverse as its own plan: grow the primary back to
 * the size the reserve serves at and wait for it, suspend the reserve's CronJobs before
 * resuming the primary's, put external services, autoscalers and replicas of the reserve back
 * where the last failover found them (or, without one, the policy's standby size). Pure.
 *
 * Every step on the primary is planned, from an older listing when a kind cannot be listed
 * now. A step on the reserve that its cluster or kind does not let the plan take is listed as
 * skipped, with the reason. The primary must answer, with its workloads known: a failback goes
 * back to a cluster that serves, grown back before the reserve lets go.
 */
export function planFailback(input: FailbackInput): PlanOutline {
  const { primary, reserve, policy } = input;
  if (!primary.answers) {
    throw new ServiceUnavailableError(
      `Cannot plan failback: ${primary.cluster} does not answer (${primary.problem}); fail back once it serves again`,
    );
  }
  const draft = new FailoverDraft({ goingTo: primary, leaving: reserve });
  for (const [list] of workloadLists) {
    if (!isKnown(primary, list)) {
      // Without its workloads, the primary cannot be grown back before the reserve lets go.
      throw new ServiceUnavailableError(
        `Cannot plan failback: ${draft.reasonOf(
          primary,
          list,
        )}, so the primary cannot be grown back`,
      );
    }
  }
  const reversal = new FailoverReversal(draft, input.previousFailover);
  if (!input.previousFailover) {
    draft.warn(
      `No failover of this entity to ${reserve.cluster} by Kube Reserve is recorded: external services and autoscalers stay as they are; replicas follow the policy.`,
    );
  }

  const primaryTargets = growPrimaryBack(draft, input, reversal);

  if (policy.cronJobs === 'primary-only') {
    // The reserve's first, so that nothing runs on both sides in between.
    setCronJobsSuspended(draft, reserve, true);
    setCronJobsSuspended(draft, primary, false);
  }

  for (const name of policy.externalServices) {
    for (const namespace of input.namespaces) {
      repointExternalServiceBack(draft, reversal, reserve, namespace, name);
    }
  }

  const hpas = 'horizontalPodAutoscalers';
  for (const [list, kind] of workloadLists) {
    if (!isKnown(reserve, list)) {
      draft.unknownOn(reserve, list, {
        title: `Scale the entity's ${kind}s on ${reserve.cluster} back to their standby size`,
        what: `scaling its ${kind}s back down`,
      });
    }
  }
  if (
    !isKnown(reserve, hpas) &&
    reversal.find(
      reserve.cluster,
      ref => ref.kind === 'HorizontalPodAutoscaler',
    )
  ) {
    draft.unknownOn(reserve, hpas, {
      title: `Lower the entity's autoscaler minimums on ${reserve.cluster} back`,
      what: 'lowering its autoscaler minimums back',
    });
  }
  for (const workload of workloadsOf(reserve)) {
    const { kind, object } = workload;
    const list = listOf(kind);
    const name = nameOf(kind, object);
    const autoscaler = isKnown(reserve, hpas)
      ? autoscalerOf(reserve, workload)
      : undefined;
    if (autoscaler) {
      const hpa = nameOf('HorizontalPodAutoscaler', autoscaler);
      const min = (before: Record<string, unknown>) =>
        (before.spec as { minReplicas: number }).minReplicas;
      reversal.revert(
        reserve,
        hpas,
        'HorizontalPodAutoscaler',
        autoscaler,
        before =>
          `Lower the minimum of ${hpa} on ${reserve.cluster} back to ${min(
            before,
          )}`,
        before => `the lowering of ${hpa} back to ${min(before)}`,
      );
    }
    const current = replicasOf(object);
    const replicas = (before: Record<string, unknown>) =>
      (before.spec as { replicas: number }).replicas;
    const outcome = reversal.revert(
      reserve,
      list,
      kind,
      object,
      before =>
        `Scale ${name} on ${reserve.cluster} back from ${current} to ${replicas(
          before,
        )}`,
      before => `the scale-down of ${name} back to ${replicas(before)}`,
    );
    if (outcome !== 'no-failover') continue;
    const full =
      primaryTargets.get(
        `${kind}/${object.metadata?.namespace}/${object.metadata?.name}`,
      ) ?? current;
    const standby = standbyReplicas(policy, full);
    if (standby !== undefined && current > standby) {
      draft.patchOn(
        reserve,
        list,
        kind,
        object,
        { spec: { replicas: standby } },
        `Scale ${name} on ${reserve.cluster} from ${current} to its ${policy.mode} standby size ${standby}`,
        `the scale-down of ${name} to ${standby}`,
      );
    } else {
      draft.readOn(reserve, list, kind, object);
    }
  }
  return draft.outline();
}

// Grows the primary's workloads back to the size the reserve serves at, and waits for them.
// Returns each workload's target on the primary, by kind/namespace/name.
function growPrimaryBack(
  draft: FailoverDraft,
  input: FailbackInput,
  reversal: FailoverReversal,
): Map<string, number> {
  const { primary, reserve } = input;
  const primaryTargets = new Map<string, number>();
  const waits: Array<ActionObjectRef & { replicas: number }> = [];
  for (const workload of workloadsOf(primary)) {
    const { kind, object } = workload;
    const list = listOf(kind);
    const name = nameOf(kind, object);
    const current = replicasOf(object);
    let target = current;
    const replicas = (before: Record<string, unknown>) =>
      (before.spec as { replicas: number }).replicas;
    const outcome = reversal.revert(
      primary,
      list,
      kind,
      object,
      before => {
        target = replicas(before);
        return `Scale ${name} on ${primary.cluster} back from ${current} to ${target}`;
      },
      before => `the scale-up of ${name} back to ${replicas(before)}`,
    );
    if (outcome === 'no-failover') {
      if (!isKnown(reserve, list)) {
        draft.remark(
          reserve,
          list,
          `the size ${name} serves at there is unknown, so it stays at ${current} on ${primary.cluster}`,
        );
      }
      const onReserve = isKnown(reserve, list)
        ? counterpart(reserve, workload)
        : undefined;
      const serving = onReserve ? replicasOf(onReserve.object) : current;
      if (current < serving) {
        target = serving;
        const what = `the scale-up of ${name} to ${serving}`;
        draft.patchOn(
          primary,
          list,
          kind,
          object,
          { spec: { replicas: serving } },
          `Scale ${name} on ${primary.cluster} from ${current} to ${serving}, the size ${reserve.cluster} serves at`,
          what,
        );
        draft.fromListing(reserve, list, what);
      } else {
        draft.readOn(primary, list, kind, object);
      }
    }
    primaryTargets.set(
      `${kind}/${object.metadata?.namespace}/${object.metadata?.name}`,
      target,
    );
    if (target > current) {
      waits.push({ ...refOf(kind, object), replicas: target });
    }
  }
  if (waits.length > 0) {
    draft.waitForWorkloads(
      primary.cluster,
      waits,
      input.waitTimeoutMs,
      'available',
    );
  }
  return primaryTargets;
}
