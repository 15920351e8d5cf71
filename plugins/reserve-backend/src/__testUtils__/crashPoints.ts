import { kindTable, Simulator } from '@kube-reserve/cluster-sim';
import {
  ActionObjectRef,
  ActionPlan,
  ActionStep,
} from '@kube-reserve/plugin-reserve-common';
import { PlainObject } from '../actions/ClusterOperator';
import { isAvailable } from '../actions/execution/waitConditions';
import { patchIsApplied } from '../actions/planning/objectState';

const WRITES = ['PATCH', 'PUT', 'POST', 'DELETE'];

function plural(ref: ActionObjectRef): string {
  const info = kindTable.find(k => k.kind === ref.kind);
  if (!info) throw new Error(`the simulator serves no ${ref.kind}`);
  return info.plural;
}

function apiPath(ref: ActionObjectRef): string {
  const group = ref.apiVersion.includes('/')
    ? `/apis/${ref.apiVersion}`
    : `/api/${ref.apiVersion}`;
  const namespace = ref.namespace ? `/namespaces/${ref.namespace}` : '';
  return `${group}${namespace}/${plural(ref)}/${ref.name}`;
}

/** Write requests counted at the clusters, by `cluster METHOD path`. */
export interface WriteCount {
  counts(): Map<string, number>;
  reset(): void;
}

/**
 * Counts every write request (PATCH, PUT, POST, DELETE) that reaches the clusters with the
 * `reserve-operator` token, as it arrives: a write sent twice counts twice, even when the
 * second changes nothing.
 */
export function countOperatorWrites(sim: Simulator): WriteCount {
  const counts = new Map<string, number>();
  for (const cluster of sim.clusters) {
    cluster.requests.observe(request => {
      if (request.token !== 'reserve-operator') return;
      if (!WRITES.includes(request.method)) return;
      const key = `${cluster.name} ${request.method} ${
        request.path.split('?')[0]
      }`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  return {
    counts: () => new Map(counts),
    reset: () => counts.clear(),
  };
}

/** Something a test armed to happen at a moment of a run. */
export interface ArmedMoment {
  /** Whether the moment came and the test's function was called. */
  readonly fired: boolean;
  /** Disarms it, if it has not fired (a run refused before it wrote anything). */
  stop(): void;
}

/**
 * Calls `act` once, synchronously, when the first write with the `reserve-operator` token
 * reaches the cluster, before the cluster handles it: the moment a run's first step on that
 * cluster lands, its plan check (which only reads) being over. A fault switched on there
 * meets the run's later steps, however fast or slow the machine runs the steps in between.
 */
export function onFirstOperatorWrite(
  sim: Simulator,
  cluster: string,
  act: () => void,
): ArmedMoment {
  let fired = false;
  const stop = sim.cluster(cluster).requests.observe(request => {
    if (fired || request.token !== 'reserve-operator') return;
    if (!WRITES.includes(request.method)) return;
    fired = true;
    stop();
    act();
  });
  return {
    get fired() {
      return fired;
    },
    stop,
  };
}

/** The writes ({@link countOperatorWrites}) of a run that applies each step once. */
export function writesOnce(plan: ActionPlan): Map<string, number> {
  const writes = new Map<string, number>();
  for (const step of plan.steps.filter(s => s.kind === 'patch')) {
    const key = `${step.cluster} PATCH ${apiPath(step.object!)}`;
    writes.set(key, (writes.get(key) ?? 0) + 1);
  }
  return writes;
}

/** A kill armed at one step of a plan. */
export interface CrashPoint {
  /** Whether the step reached its crash point, and the kill was called. */
  readonly fired: boolean;
}

/**
 * Calls `kill` (which must kill the backend at once, synchronously) at the moment a step's
 * outcome is decided at its cluster, before the backend can hear of it, let alone record it:
 * - a patch: when the patched object is stored, before the API answers the PATCH;
 * - a wait on workloads: when the backend reads one of them while all are available, so that
 *   this look would end the wait.
 * The backend dies with the step done at the cluster and `running` in its database: a
 * resumed run must find out from the cluster that it is done.
 */
export function killWhenStepLands(
  sim: Simulator,
  step: ActionStep,
  kill: () => void,
): CrashPoint {
  const cluster = sim.cluster(step.cluster!);
  let fired = false;
  let stop = () => {};
  const fire = () => {
    if (fired) return;
    fired = true;
    stop();
    kill();
  };
  if (step.kind === 'patch') {
    const ref = step.object!;
    stop = cluster.objects.onChange(({ object, previous }) => {
      if (
        object.kind === ref.kind &&
        object.metadata.name === ref.name &&
        object.metadata.namespace === ref.namespace &&
        patchIsApplied(object, step.after!) &&
        !patchIsApplied(previous, step.after!)
      ) {
        fire();
      }
    });
  } else if (
    step.kind === 'wait' &&
    step.condition?.type === 'workloads-available'
  ) {
    const { workloads } = step.condition;
    const paths = workloads.map(apiPath);
    // The simulator's objects are the JSON the API serves, which the backend reads.
    const available = (w: (typeof workloads)[number]) => {
      const object = cluster.objects.get(plural(w), w.namespace, w.name);
      return (
        object && isAvailable(object as unknown as PlainObject, w.replicas)
      );
    };
    stop = cluster.requests.observe(request => {
      if (request.token !== 'reserve-operator' || request.method !== 'GET') {
        return;
      }
      if (!paths.includes(request.path.split('?')[0])) return;
      if (workloads.every(available)) fire();
    });
  } else {
    throw new Error(`no crash point for a ${step.kind} step (${step.title})`);
  }
  return {
    get fired() {
      return fired;
    },
  };
}
