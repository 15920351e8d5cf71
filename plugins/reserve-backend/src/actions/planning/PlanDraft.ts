import {
  ActionObjectRef,
  ActionStep,
  ActionWaitCondition,
  FingerprintEntry,
  SkippedStep,
} from '@kube-reserve/plugin-reserve-common';
import { PlainObject } from '../ClusterOperator';
import {
  applyMergePatch,
  objectKey,
  patchIsApplied,
  projectionOf,
  refOf,
  valuesAt,
} from './objectState';

/** A plan's steps, warnings and fingerprint, before it is stored. */
export interface PlanOutline {
  steps: ActionStep[];
  warnings: string[];
  skipped: SkippedStep[];
  fingerprint: FingerprintEntry[];
}

type StepInput = Omit<ActionStep, 'index'>;

/**
 * Collects a plan as a planner walks the entity's objects: every object read goes into the
 * fingerprint, every patch that would change something becomes a step (one that would not is
 * left out, so a plan of a done failover is empty).
 */
export class PlanDraft {
  private readonly steps: StepInput[] = [];
  private readonly warnings: string[] = [];
  private readonly skippedSteps: SkippedStep[] = [];
  private readonly entries = new Map<string, FingerprintEntry>();

  /** Notes what the plan read of an object (live reads only: snapshots cannot be re-checked). */
  read(
    cluster: string,
    kind: string,
    object: PlainObject | undefined,
    ref?: ActionObjectRef,
  ): void {
    const objectRef = ref ?? refOf(kind, object!);
    const key = objectKey(cluster, objectRef);
    if (this.entries.has(key)) return;
    this.entries.set(key, {
      cluster,
      object: objectRef,
      ...(object?.metadata?.resourceVersion
        ? { resourceVersion: object.metadata.resourceVersion }
        : {}),
      observed: projectionOf(kind, object),
    });
  }

  /**
   * A merge patch with absolute values on an object; nothing when the object already has them.
   * Returns whether a step was added. An object known only from an older listing (`live:
   * false`) stays out of the fingerprint: that listing cannot tell whether it changed since.
   */
  patch(
    cluster: string,
    kind: string,
    object: PlainObject,
    after: Record<string, unknown>,
    title: string,
    options: { live?: boolean } = {},
  ): boolean {
    const ref = refOf(kind, object);
    const live = options.live ?? true;
    if (live) this.read(cluster, kind, object, ref);
    if (patchIsApplied(object, after)) return false;
    const entry = this.entries.get(objectKey(cluster, ref));
    if (entry) {
      entry.expected = applyMergePatch(entry.expected ?? entry.observed, after);
    }
    this.steps.push({
      kind: 'patch',
      title,
      cluster,
      object: ref,
      before: valuesAt(object, after),
      after,
    });
    return true;
  }

  /** Creates a named object. */
  create(cluster: string, manifest: PlainObject, title: string): void {
    this.steps.push({
      kind: 'create',
      title,
      cluster,
      object: refOf(manifest.kind!, manifest),
      manifest,
    });
  }

  /** Deletes a named object (absent counts as done). */
  delete(
    cluster: string,
    ref: ActionObjectRef,
    title: string,
    options: { always?: boolean } = {},
  ): void {
    this.steps.push({
      kind: 'delete',
      title,
      cluster,
      object: ref,
      ...(options.always ? { always: true } : {}),
    });
  }

  /** Waits for a condition, at most `timeoutMs`. */
  wait(
    cluster: string,
    condition: ActionWaitCondition,
    timeoutMs: number,
    title: string,
    object?: ActionObjectRef,
  ): void {
    this.steps.push({
      kind: 'wait',
      title,
      cluster,
      ...(object ? { object } : {}),
      condition,
      timeoutMs,
    });
  }

  /** Waits until the workloads have `replicas` available each, named when there is one. */
  waitForWorkloads(
    cluster: string,
    workloads: Array<ActionObjectRef & { replicas: number }>,
    timeoutMs: number,
    until: string,
  ): void {
    const [only] = workloads;
    const what =
      workloads.length === 1
        ? `${only.kind} ${only.namespace}/${only.name} on ${cluster} is`
        : `${workloads.length} workloads on ${cluster} are`;
    this.wait(
      cluster,
      { type: 'workloads-available', workloads },
      timeoutMs,
      `Wait until ${what} ${until}`,
    );
  }

  /** Records the outcome of a drill in Kube Reserve's drill history. */
  record(
    cluster: string,
    restore: ActionObjectRef,
    title: string,
    options: { always?: boolean } = {},
  ): void {
    this.steps.push({
      kind: 'record',
      title,
      cluster,
      object: restore,
      ...(options.always ? { always: true } : {}),
    });
  }

  /** Something the operator should know before running the plan. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** A step the plan would take but cannot, and why: listed, never dropped silently. */
  skip(step: SkippedStep): void {
    this.skippedSteps.push(step);
  }

  /** Whether any step was added so far. */
  get stepCount(): number {
    return this.steps.length;
  }

  /** The plan's outline, steps numbered from 0. */
  outline(): PlanOutline {
    return {
      steps: this.steps.map((step, index) => ({ index, ...step })),
      warnings: [...this.warnings],
      skipped: [...this.skippedSteps],
      fingerprint: [...this.entries.values()],
    };
  }
}
