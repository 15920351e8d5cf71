import {
  ActionObjectRef,
  ActionPlan,
  ActionStep,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import { PlainObject } from '../ClusterOperator';
import { setCronJobsSuspended } from './cronJobSteps';
import { PlanDraft, PlanOutline } from './PlanDraft';
import { objectKey, patchIsApplied, refOf } from './objectState';
import {
  SideState,
  autoscalerOf,
  counterpart,
  nameOf,
  replicasOf,
  workloadsOf,
} from './sideState';

/** What a failback is planned from. */
export interface FailbackInput {
  policy: Pick<
    EntityPolicy,
    'mode' | 'replicaRatio' | 'cronJobs' | 'externalServices'
  >;
  namespaces: string[];
  /** Must be live: a failback goes back to a primary that answers. */
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
 */
export function planFailback(input: FailbackInput): PlanOutline {
  const { primary, reserve, policy } = input;
  const draft = new PlanDraft();
  const previous = new Map<string, ActionStep>();
  for (const step of input.previousFailover?.steps ?? []) {
    if (step.kind === 'patch' && step.cluster && step.object) {
      previous.set(objectKey(step.cluster, step.object), step);
    }
  }
  // Puts an object back as the failover found it, when it is still as the failover left it.
  const revert = (
    cluster: string,
    kind: string,
    object: PlainObject,
    title: (before: Record<string, unknown>) => string,
  ): 'reverted' | 'changed-since' | 'no-failover' => {
    const step = previous.get(objectKey(cluster, refOf(kind, object)));
    if (!step?.before || !step.after) return 'no-failover';
    if (!patchIsApplied(object, step.after)) {
      draft.read(cluster, kind, object);
      draft.warn(
        `${nameOf(
          kind,
          object,
        )} on ${cluster} changed since the failover: it stays as it is.`,
      );
      return 'changed-since';
    }
    draft.patch(cluster, kind, object, step.before, title(step.before));
    return 'reverted';
  };
  if (!input.previousFailover) {
    draft.warn(
      `No failover of this entity to ${reserve.cluster} by Kube Reserve is recorded: external services and autoscalers stay as they are; replicas follow the policy.`,
    );
  }

  const primaryTargets = new Map<string, number>();
  const waits: Array<ActionObjectRef & { replicas: number }> = [];
  for (const workload of workloadsOf(primary)) {
    const { kind, object } = workload;
    const onReserve = counterpart(reserve, workload);
    const current = replicasOf(object);
    let target = current;
    const outcome = revert(primary.cluster, kind, object, before => {
      target = (before.spec as { replicas: number }).replicas;
      return `Scale ${nameOf(kind, object)} on ${
        primary.cluster
      } back from ${current} to ${target}`;
    });
    if (outcome === 'no-failover') {
      const serving = onReserve ? replicasOf(onReserve.object) : current;
      if (current < serving) {
        target = serving;
        draft.patch(
          primary.cluster,
          kind,
          object,
          { spec: { replicas: serving } },
          `Scale ${nameOf(kind, object)} on ${
            primary.cluster
          } from ${current} to ${serving}, the size ${
            reserve.cluster
          } serves at`,
        );
      } else {
        draft.read(primary.cluster, kind, object);
      }
    }
    primaryTargets.set(
      `${kind}/${object.metadata?.namespace}/${object.metadata?.name}`,
      target,
    );
    if (target > current)
      waits.push({ ...refOf(kind, object), replicas: target });
  }
  if (waits.length > 0) {
    draft.waitForWorkloads(
      primary.cluster,
      waits,
      input.waitTimeoutMs,
      'available',
    );
  }

  if (policy.cronJobs === 'primary-only') {
    // The reserve's first, so that nothing runs on both sides in between.
    setCronJobsSuspended(draft, reserve, true);
    setCronJobsSuspended(draft, primary, false);
  }

  for (const name of policy.externalServices) {
    for (const namespace of input.namespaces) {
      const [kind, object] = (() => {
        const endpoints = reserve.endpoints.find(
          o => o.metadata?.namespace === namespace && o.metadata?.name === name,
        );
        const key =
          endpoints &&
          objectKey(reserve.cluster, refOf('Endpoints', endpoints));
        if (endpoints && key && previous.has(key))
          return ['Endpoints', endpoints] as const;
        const service = reserve.services.find(
          o => o.metadata?.namespace === namespace && o.metadata?.name === name,
        );
        return ['Service', service] as const;
      })();
      if (!object) continue;
      const outcome = revert(
        reserve.cluster,
        kind,
        object,
        before =>
          `Repoint ${kind} ${namespace}/${name} on ${
            reserve.cluster
          } back to ${describeTarget(before)}`,
      );
      if (outcome === 'no-failover' && input.previousFailover) {
        draft.read(reserve.cluster, kind, object);
        draft.warn(
          `The failover did not repoint ${namespace}/${name} on ${reserve.cluster}: it stays as it is.`,
        );
      }
    }
  }

  for (const workload of workloadsOf(reserve)) {
    const { kind, object } = workload;
    const autoscaler = autoscalerOf(reserve, workload);
    if (autoscaler) {
      revert(
        reserve.cluster,
        'HorizontalPodAutoscaler',
        autoscaler,
        before =>
          `Lower the minimum of ${nameOf(
            'HorizontalPodAutoscaler',
            autoscaler,
          )} on ${reserve.cluster} back to ${
            (before.spec as { minReplicas: number }).minReplicas
          }`,
      );
    }
    const current = replicasOf(object);
    const outcome = revert(reserve.cluster, kind, object, before => {
      const replicas = (before.spec as { replicas: number }).replicas;
      return `Scale ${nameOf(kind, object)} on ${
        reserve.cluster
      } back from ${current} to ${replicas}`;
    });
    if (outcome !== 'no-failover') continue;
    const full =
      primaryTargets.get(
        `${kind}/${object.metadata?.namespace}/${object.metadata?.name}`,
      ) ?? current;
    const standby = standbyReplicas(policy, full);
    if (standby !== undefined && current > standby) {
      draft.patch(
        reserve.cluster,
        kind,
        object,
        { spec: { replicas: standby } },
        `Scale ${nameOf(kind, object)} on ${
          reserve.cluster
        } from ${current} to its ${policy.mode} standby size ${standby}`,
      );
    } else {
      draft.read(reserve.cluster, kind, object);
    }
  }
  return draft.outline();
}

function describeTarget(before: Record<string, unknown>): string {
  const spec = before.spec as { externalName?: string } | undefined;
  if (spec?.externalName) return spec.externalName;
  const subsets = before.subsets as
    | Array<{ addresses?: Array<{ ip?: string }> }>
    | undefined;
  const ips = (subsets ?? []).flatMap(s => (s.addresses ?? []).map(a => a.ip));
  return ips.join(', ') || 'its previous address';
}
