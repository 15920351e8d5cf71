import { ActionStep } from '@kube-reserve/plugin-reserve-common';
import {
  ClusterOperator,
  PlainObject,
  describeObject,
} from '../ClusterOperator';

/** One look at a wait step's condition: done, still waiting (with progress), or failed. */
export type WaitLook =
  | { done: true; output: string }
  | { done: false; progress: string };

const failedPhases = ['Failed', 'PartiallyFailed', 'FailedValidation'];

/** Whether a Deployment or StatefulSet has `replicas` available on its current generation. */
export function isAvailable(object: PlainObject, replicas: number): boolean {
  const status = object.status ?? {};
  const observed =
    status.observedGeneration === undefined ||
    object.metadata?.generation === undefined ||
    status.observedGeneration >= object.metadata.generation;
  const available = status.availableReplicas ?? status.readyReplicas ?? 0;
  return observed && available >= replicas;
}

async function lookAtVeleroObject(
  operator: ClusterOperator,
  step: ActionStep,
): Promise<WaitLook> {
  const ref = step.object!;
  const object = await operator.read(ref);
  if (!object) throw new Error(`${describeObject(ref)} does not exist`);
  const phase: string = object.status?.phase ?? 'New';
  if (phase === 'Completed') {
    return { done: true, output: `${describeObject(ref)} is Completed` };
  }
  if (failedPhases.includes(phase)) {
    const why = [
      object.status?.failureReason,
      ...(object.status?.validationErrors ?? []),
    ]
      .filter(Boolean)
      .join('; ');
    throw new Error(
      `${describeObject(ref)} ended ${phase}${why ? `: ${why}` : ''}`,
    );
  }
  return { done: false, progress: `${describeObject(ref)} is ${phase}` };
}

async function lookAtWorkloads(
  operator: ClusterOperator,
  workloads: Array<{
    object: PlainObject | undefined;
    name: string;
    replicas: number;
  }>,
): Promise<WaitLook> {
  const lines = workloads.map(({ object, name, replicas }) => {
    const available =
      object?.status?.availableReplicas ?? object?.status?.readyReplicas ?? 0;
    return {
      ok: object !== undefined && isAvailable(object, replicas),
      text: object
        ? `${name} ${available}/${replicas} available`
        : `${name} missing`,
    };
  });
  const waiting = lines.filter(l => !l.ok);
  if (waiting.length === 0) {
    return {
      done: true,
      output: `Available on ${operator.cluster}: ${lines
        .map(l => l.text)
        .join(', ')}`,
    };
  }
  return {
    done: false,
    progress: `Waiting on ${operator.cluster}: ${waiting
      .map(l => l.text)
      .join(', ')}`,
  };
}

/** Looks once at a wait step's condition on its cluster. */
export async function lookAt(
  operator: ClusterOperator,
  step: ActionStep,
): Promise<WaitLook> {
  const condition = step.condition!;
  switch (condition.type) {
    case 'backup-completed':
    case 'restore-completed':
      return lookAtVeleroObject(operator, step);
    case 'workloads-available': {
      const workloads = [];
      for (const ref of condition.workloads) {
        workloads.push({
          object: await operator.read(ref),
          name: describeObject(ref),
          replicas: ref.replicas,
        });
      }
      return lookAtWorkloads(operator, workloads);
    }
    default: {
      const workloads = [];
      for (const namespace of condition.namespaces) {
        for (const kind of ['Deployment', 'StatefulSet']) {
          for (const object of await operator.list(
            'apps/v1',
            kind,
            namespace,
          )) {
            workloads.push({
              object,
              name: `${kind} ${namespace}/${object.metadata?.name}`,
              replicas: object.spec?.replicas ?? 1,
            });
          }
        }
      }
      if (workloads.length === 0) {
        return {
          done: false,
          progress: `No workloads in ${condition.namespaces.join(', ')} yet`,
        };
      }
      return lookAtWorkloads(operator, workloads);
    }
  }
}
