import { createHash } from 'node:crypto';
import { ClusterState } from '../cluster/ClusterState';
import { KubeObject } from '../store/ObjectStore';
import { setCondition } from './conditions';
import { isStatusHeld, saveIfChanged } from './saveIfChanged';

/** Drops zero counts, as the API server's `omitempty` fields do. */
function counts(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== 0));
}

/** Moves the ready count toward the desired one: scale-down at once, scale-up over a few ticks. */
function nextReady(ready: number, desired: number): number {
  if (ready >= desired) return desired;
  return Math.min(
    desired,
    ready + Math.max(1, Math.ceil((desired - ready) / 2)),
  );
}

function templateHash(obj: KubeObject): string {
  return createHash('sha256')
    .update(JSON.stringify(obj.spec?.template ?? {}))
    .digest('hex')
    .slice(0, 10);
}

/** maxUnavailable of a rolling update, resolved against the desired replicas (default 25%). */
function maxUnavailable(obj: KubeObject, desired: number): number {
  const raw = obj.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof raw === 'number') return raw;
  const percent = /^(\d+)%$/.exec(String(raw));
  return percent
    ? Math.floor((desired * Number(percent[1])) / 100)
    : Number(raw) || 0;
}

function deploymentStatus(obj: KubeObject, now: Date) {
  const desired = obj.spec?.replicas ?? 1;
  const ready = nextReady(obj.status?.readyReplicas ?? 0, desired);
  const available = ready >= desired - maxUnavailable(obj, desired);
  const rsName = `${obj.metadata.name}-${templateHash(obj)}`;
  let conditions = setCondition(
    obj.status?.conditions,
    {
      type: 'Available',
      status: available ? 'True' : 'False',
      reason: available
        ? 'MinimumReplicasAvailable'
        : 'MinimumReplicasUnavailable',
      message: available
        ? 'Deployment has minimum availability.'
        : 'Deployment does not have minimum availability.',
      lastUpdateTime: '',
    },
    now,
  );
  conditions = setCondition(
    conditions,
    {
      type: 'Progressing',
      status: 'True',
      reason:
        ready === desired ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
      message:
        ready === desired
          ? `ReplicaSet "${rsName}" has successfully progressed.`
          : `ReplicaSet "${rsName}" is progressing.`,
      lastUpdateTime: '',
    },
    now,
  );
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    ...counts({
      replicas: desired,
      updatedReplicas: desired,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: desired - ready,
    }),
    conditions,
  };
}

function statefulSetStatus(obj: KubeObject) {
  const desired = obj.spec?.replicas ?? 1;
  const ready = nextReady(obj.status?.readyReplicas ?? 0, desired);
  const revision = `${obj.metadata.name}-${templateHash(obj)}`;
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    replicas: desired,
    ...counts({
      readyReplicas: ready,
      currentReplicas: desired,
      updatedReplicas: desired,
      availableReplicas: ready,
    }),
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
}

function replicaSetStatus(obj: KubeObject) {
  const desired = obj.spec?.replicas ?? 1;
  const ready = nextReady(obj.status?.readyReplicas ?? 0, desired);
  return {
    replicas: desired,
    ...counts({
      fullyLabeledReplicas: desired,
      readyReplicas: ready,
      availableReplicas: ready,
    }),
    observedGeneration: obj.metadata.generation ?? 1,
  };
}

/** Nodes a DaemonSet runs on: schedulable ones whose NoSchedule taints it tolerates. */
function daemonSetNodes(cluster: ClusterState, obj: KubeObject): number {
  const tolerations: any[] = obj.spec?.template?.spec?.tolerations ?? [];
  const tolerates = (taint: any) =>
    tolerations.some(
      t => (t.operator === 'Exists' && !t.key) || t.key === taint.key,
    );
  return cluster.store
    .list(cluster.kind('nodes'))
    .filter(n => !n.spec?.unschedulable)
    .filter(n =>
      (n.spec?.taints ?? []).every(
        (t: any) => t.effect !== 'NoSchedule' || tolerates(t),
      ),
    ).length;
}

function daemonSetStatus(cluster: ClusterState, obj: KubeObject) {
  const desired = daemonSetNodes(cluster, obj);
  const ready = nextReady(obj.status?.numberReady ?? 0, desired);
  return {
    currentNumberScheduled: desired,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: obj.metadata.generation ?? 1,
    ...counts({
      updatedNumberScheduled: desired,
      numberAvailable: ready,
      numberUnavailable: desired - ready,
    }),
  };
}

/**
 * One round of the workload controllers: Deployments, StatefulSets, ReplicaSets and DaemonSets
 * move their status toward what the spec asks for, unless the fixture holds their status.
 */
export function reconcileWorkloads(cluster: ClusterState, now: Date): void {
  const kinds = {
    deployments: (o: KubeObject) => deploymentStatus(o, now),
    statefulsets: statefulSetStatus,
    replicasets: replicaSetStatus,
    daemonsets: (o: KubeObject) => daemonSetStatus(cluster, o),
  };
  for (const [plural, statusOf] of Object.entries(kinds)) {
    const info = cluster.kind(plural);
    for (const obj of cluster.store.list(info)) {
      if (isStatusHeld(obj) || obj.metadata.deletionTimestamp) continue;
      saveIfChanged(cluster, info, obj, { ...obj, status: statusOf(obj) });
    }
  }
}
