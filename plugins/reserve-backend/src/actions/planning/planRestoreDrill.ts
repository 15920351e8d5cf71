import { PolicyDuration } from '@kube-reserve/plugin-reserve-common';
import { drillPlanLabel } from '../../velero/restoreDrills';
import { PlainObject } from '../ClusterOperator';
import { PlanDraft, PlanOutline } from './PlanDraft';
import { apiVersionOf, refOf, veleroStamp } from './objectState';

/** Label on a drill's scratch namespaces and Restore: the entity's name. */
export const drillOfLabel = 'kube-reserve.io/drill-of';
/** Annotation on a drill's objects: the full entity ref. */
export const drillEntityAnnotation = 'kube-reserve.io/entity-ref';

/** The scratch namespace a drill restores a namespace into, on the reserve. */
export function drillNamespace(namespace: string): string {
  return `${namespace}-drill`;
}

/** What a restore drill is planned from. */
export interface RestoreDrillInput {
  planId: string;
  entityRef: string;
  entityName: string;
  reserve: string;
  /** The entity's namespaces, restored each into its scratch namespace. */
  namespaces: string[];
  /** The newest Completed backup of the entity visible on the reserve, read live. */
  backup: PlainObject;
  /** Scratch namespaces that exist already, from an earlier drill. */
  leftoverNamespaces: string[];
  veleroNamespace: string;
  rpo: PolicyDuration;
  now: Date;
  waitTimeoutMs: number;
}

/**
 * A restore drill on the reserve: restore the newest good backup into scratch namespaces
 * (namespaceMapping, labelled as this entity's drill), wait for the Restore and for the
 * restored workloads, record the drill with its measured RTO, and delete the scratch
 * namespaces, the last two also when the drill fails. Pure.
 */
export function planRestoreDrill(input: RestoreDrillInput): PlanOutline {
  const { reserve, backup } = input;
  const draft = new PlanDraft();
  draft.read(reserve, 'Backup', backup);
  const startedAt = Date.parse(backup.status?.startTimestamp ?? '');
  if (
    Number.isFinite(startedAt) &&
    input.now.getTime() - startedAt > input.rpo.ms
  ) {
    draft.warn(
      `The newest backup, ${backup.metadata?.name}, is older than the RPO of ${input.rpo.text}: the drill restores it anyway.`,
    );
  }
  const labels = { [drillOfLabel]: input.entityName };
  const annotations = { [drillEntityAnnotation]: input.entityRef };
  const mapping = Object.fromEntries(
    input.namespaces.map(ns => [ns, drillNamespace(ns)]),
  );
  const scratch = Object.values(mapping);
  const namespaceRef = (name: string) => ({
    apiVersion: apiVersionOf.Namespace,
    kind: 'Namespace',
    name,
  });

  for (const name of scratch) {
    const leftover = input.leftoverNamespaces.includes(name);
    draft.read(
      reserve,
      'Namespace',
      leftover ? { metadata: { name } } : undefined,
      namespaceRef(name),
    );
    if (leftover) {
      draft.warn(
        `Namespace ${name} on ${reserve} is left from an earlier drill: the plan deletes it first.`,
      );
      draft.delete(
        reserve,
        namespaceRef(name),
        `Delete the leftover Namespace ${name} on ${reserve}`,
      );
    }
  }
  for (const name of scratch) {
    draft.create(
      reserve,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels, annotations },
      },
      `Create the scratch Namespace ${name} on ${reserve}, labelled as a drill of ${input.entityName}`,
    );
  }
  const restore: PlainObject = {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: {
      name: `${input.entityName
        .toLowerCase()
        .replace(/[^a-z0-9.-]/g, '-')}-drill-${veleroStamp(input.now)}`,
      namespace: input.veleroNamespace,
      labels: { ...labels, [drillPlanLabel]: input.planId },
      annotations,
    },
    spec: {
      backupName: backup.metadata?.name,
      includedNamespaces: input.namespaces,
      namespaceMapping: mapping,
      // A drill must never run the service's jobs: restored CronJobs would be active (they
      // come from the primary) and send every e-mail a second time.
      excludedResources: ['cronjobs.batch', 'jobs.batch'],
    },
  };
  const restoreRef = refOf('Restore', restore);
  draft.create(
    reserve,
    restore,
    `Create Restore ${restoreRef.name} of Backup ${
      backup.metadata?.name
    } on ${reserve} into ${scratch.join(', ')}`,
  );
  draft.wait(
    reserve,
    { type: 'restore-completed' },
    input.waitTimeoutMs,
    `Wait until Restore ${restoreRef.name} is Completed`,
    restoreRef,
  );
  draft.wait(
    reserve,
    { type: 'namespaces-available', namespaces: scratch },
    input.waitTimeoutMs,
    `Wait until the restored workloads in ${scratch.join(', ')} are available`,
  );
  draft.record(
    reserve,
    restoreRef,
    'Record the drill and its measured RTO in the drill history',
    { always: true },
  );
  for (const name of scratch) {
    draft.delete(
      reserve,
      namespaceRef(name),
      `Delete the scratch Namespace ${name} on ${reserve}`,
      { always: true },
    );
  }
  return draft.outline();
}
