import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { unavailableReason } from '../../view/clusterData';
import { Finding, clusterResult } from '../outcome';
import { evaluateSides, servingSides } from '../sides';
import {
  Workload,
  scalableWorkloadKinds,
  scalableWorkloads,
} from '../workloads';

const id = 'workload.replicas';

function autoscalerOf(
  workload: Workload,
  autoscalers: V2HorizontalPodAutoscaler[],
): V2HorizontalPodAutoscaler | undefined {
  return autoscalers.find(
    hpa =>
      hpa.metadata?.namespace === workload.namespace &&
      hpa.spec?.scaleTargetRef.kind === workload.kind &&
      hpa.spec?.scaleTargetRef.name === workload.name,
  );
}

const replicasText = (count: number) =>
  `${count} replica${count === 1 ? '' : 's'}`;

function replicaFinding(
  workload: Workload,
  side: ClusterSideView,
): Finding | undefined {
  const where = side.cluster.name;
  const replicas = workload.replicas ?? 1;
  const autoscalers = side.horizontalPodAutoscalers;
  if (autoscalers === undefined) {
    if (replicas >= 2) return undefined;
    // An autoscaler we cannot see might keep it at two or more.
    const reason = unavailableReason(side, ['horizontalPodAutoscalers']);
    return {
      state: 'unknown',
      text: `${workload.ref} runs ${replicasText(
        replicas,
      )} on ${where} and ${reason}`,
    };
  }
  const autoscaler = autoscalerOf(workload, autoscalers);
  if (autoscaler && replicas === 0) {
    // The autoscaler turns itself off for a target scaled to zero and never scales it up.
    return {
      state: 'fail',
      text: `${workload.ref} runs 0 replicas on ${where}, and its HorizontalPodAutoscaler does not scale up from 0`,
    };
  }
  if (autoscaler) {
    // The autoscaler may scale down to its minimum whatever the current count.
    const minimum = autoscaler.spec?.minReplicas ?? 1;
    return minimum >= 2
      ? undefined
      : {
          state: 'fail',
          text: `${workload.ref} may scale down to ${replicasText(
            minimum,
          )} on ${where} (HorizontalPodAutoscaler minReplicas ${minimum})`,
        };
  }
  return replicas >= 2
    ? undefined
    : {
        state: 'fail',
        text: `${workload.ref} runs ${replicasText(replicas)} on ${where}`,
      };
}

/** workload.replicas: Deployments and StatefulSets keep two or more replicas where they serve. */
export function checkReplicas(view: EntityView): CheckResult {
  return evaluateSides(view, {
    id,
    sides: servingSides(view),
    kinds: scalableWorkloadKinds,
    evaluate: (lists, side): ClusterCheckResult => {
      const workloads = scalableWorkloads(lists);
      const findings = workloads
        .map(workload => replicaFinding(workload, side))
        .filter((f): f is Finding => f !== undefined);
      return clusterResult(side.cluster.name, findings, {
        state: workloads.length === 0 ? 'not-applicable' : 'pass',
        message:
          workloads.length === 0
            ? `No Deployments or StatefulSets on ${side.cluster.name}`
            : `Every Deployment and StatefulSet on ${side.cluster.name} keeps 2 or more replicas`,
      });
    },
  });
}
