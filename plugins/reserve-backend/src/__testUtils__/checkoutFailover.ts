import { kindTable, KubeObject, Simulator } from '@kube-reserve/cluster-sim';
import {
  ActionExecution,
  ActionObjectRef,
  ActionPlan,
} from '@kube-reserve/plugin-reserve-common';
import { patchIsApplied } from '../actions/planning/objectState';
import { BackendProcess } from './backendProcess';
import { changedKeys, editableKinds, specsOf } from './clusterSpecs';

const checkout = '/api/reserve/entities/component/default/checkout';
const clusters = ['prod-fra', 'reserve-ams'];

/** Polls `read` every 100 ms until `done` holds; throws with `describe`'s words after 60 s. */
async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  describe: (last: T) => string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(describe(value));
    await new Promise(r => setTimeout(r, 100));
  }
}

/** Waits until the backend has collected every cluster once: planning needs it. */
export async function waitForClusters(backend: BackendProcess): Promise<void> {
  await poll(
    () => backend.get('/api/reserve/clusters'),
    res =>
      (res.body?.clusters ?? []).length > 0 &&
      res.body.clusters.every(
        (c: { status: { state: string } }) => c.status.state === 'ok',
      ),
    res => `gave up waiting for the clusters: ${JSON.stringify(res.body)}`,
  );
}

/**
 * Plans checkout's failover as the UI does; fails unless the backend answers a plan. A 503 (a
 * cluster did not answer in time: the machine is starved) is asked again, twice at most.
 */
export async function planFailover(
  backend: BackendProcess,
): Promise<ActionPlan> {
  let res = await backend.post(`${checkout}/actions/failover/plan`);
  for (let retry = 0; retry < 2 && res.status === 503; retry++) {
    res = await backend.post(`${checkout}/actions/failover/plan`);
  }
  if (res.status !== 200) {
    throw new Error(
      `planning answered ${res.status}: ${JSON.stringify(
        res.body,
      )}\n${backend.logTail()}`,
    );
  }
  return res.body;
}

/**
 * Runs a plan with the typed confirmation; answers the execution, or undefined when the
 * backend died before it answered (the run may have started).
 */
export async function executePlan(
  backend: BackendProcess,
  plan: ActionPlan,
): Promise<ActionExecution | undefined> {
  const res = await backend
    .post(`${checkout}/actions/failover/executions`, {
      planId: plan.id,
      confirmation: 'checkout',
    })
    .catch(() => undefined);
  if (res && res.status !== 202) {
    throw new Error(
      `running the plan answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res?.body;
}

/** Asks the backend to resume an execution, confirming with checkout's name. */
export function resumeExecution(backend: BackendProcess, id: string) {
  return backend.post(`/api/reserve/executions/${id}/resume`, {
    confirmation: 'checkout',
  });
}

/** Checkout's newest execution. */
export async function latestExecution(
  backend: BackendProcess,
): Promise<ActionExecution> {
  const res = await backend.get(`${checkout}/executions`);
  return res.body.executions[0];
}

/** Waits until the execution satisfies `until`. */
export async function waitForExecution(
  backend: BackendProcess,
  id: string,
  until: (execution: ActionExecution) => boolean,
): Promise<ActionExecution> {
  const res = await poll(
    () => backend.get(`/api/reserve/executions/${id}`),
    answer => answer.status === 200 && until(answer.body),
    last =>
      `gave up waiting on execution ${id}: ${JSON.stringify(
        last.body,
      )}\n${backend.logTail()}`,
  );
  return res.body;
}

/** The object a step acts on, as the cluster holds it now. */
export function liveObject(
  sim: Simulator,
  cluster: string,
  ref: ActionObjectRef,
): KubeObject | undefined {
  const plural = kindTable.find(k => k.kind === ref.kind)!.plural;
  return sim.cluster(cluster).objects.get(plural, ref.namespace, ref.name);
}

/** The primary and the reserve as they are now, to put back after a failover. */
export class ClusterCheckpoint {
  private readonly objects = new Map<string, KubeObject>();
  private readonly specs: Map<string, string>;

  constructor(private readonly sim: Simulator) {
    this.specs = this.currentSpecs();
    for (const cluster of clusters) {
      for (const kind of editableKinds) {
        for (const o of sim.cluster(cluster).objects.list(kind)) {
          const key = `${cluster}/${kind}/${o.metadata.namespace ?? ''}/${
            o.metadata.name
          }`;
          this.objects.set(key, o);
        }
      }
    }
  }

  private currentSpecs() {
    return new Map(clusters.flatMap(c => [...specsOf(this.sim, c)]));
  }

  /** The objects changed since the checkpoint, as `cluster/resource/namespace/name`. */
  changed(): string[] {
    return changedKeys(this.specs, this.currentSpecs());
  }

  /**
   * The objects the plan's patches change, as {@link changed} names them, when the clusters
   * are in the plan's final state: every patch applied, nothing else changed. Else an error.
   */
  assertPlannedState(plan: ActionPlan): void {
    const patches = plan.steps.filter(s => s.kind === 'patch');
    const notApplied = patches.filter(
      s =>
        !patchIsApplied(liveObject(this.sim, s.cluster!, s.object!), s.after!),
    );
    const expected = [
      ...new Set(
        patches.map(({ cluster, object: o }) => {
          const plural = kindTable.find(k => k.kind === o!.kind)!.plural;
          return `${cluster}/${plural}/${o!.namespace ?? ''}/${o!.name}`;
        }),
      ),
    ].sort();
    const changed = this.changed();
    if (notApplied.length > 0 || changed.join() !== expected.join()) {
      throw new Error(
        `the clusters are not in the planned state: not applied ${JSON.stringify(
          notApplied.map(s => s.title),
        )}, changed ${JSON.stringify(changed)}, planned ${JSON.stringify(
          expected,
        )}`,
      );
    }
  }

  /** Puts back every object changed since the checkpoint. */
  restore(): void {
    for (const key of this.changed()) {
      const [cluster, resource, namespace, name] = key.split('/');
      const objects = this.sim.cluster(cluster).objects;
      const object = this.objects.get(key);
      if (!object) {
        objects.delete(resource, namespace || undefined, name);
        continue;
      }
      const { resourceVersion: _unused, ...metadata } = object.metadata;
      objects.put({ ...object, metadata });
    }
  }
}

/** Forgets, as by hand, that checkout is failed over, so that it can be failed over again. */
export async function recordFailback(backend: BackendProcess): Promise<void> {
  const res = await backend.delete(`${checkout}/failover`);
  if (res.status !== 200) {
    throw new Error(`failing back by hand answered ${res.status}`);
  }
}
