import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionPlan,
  ActionStep,
  DrillRecord,
  ExecutionStepState,
} from '@kube-reserve/plugin-reserve-common';
import { DrillStore } from '../../database/DrillStore';
import { drillFromRestore } from '../../velero/restoreDrills';
import {
  ClusterOperator,
  PlainObject,
  describeObject,
} from '../ClusterOperator';
import { OperatorSource } from '../OperatorConnections';
import { patchIsApplied, sameJson, valuesAt } from '../planning/objectState';
import { lookAt } from './waitConditions';

/** What a step produced: its end state, what happened in words, and data later steps read. */
export interface StepOutcome {
  state: Extract<ExecutionStepState, 'succeeded' | 'skipped'>;
  output: string;
  result?: unknown;
}

/** What running a step may use. */
export interface StepContext {
  plan: ActionPlan;
  operators: OperatorSource;
  drills: DrillStore;
  pollIntervalMs: number;
  signal: AbortSignal;
  /** Stores a wait's progress while it runs. */
  progress(output: string): Promise<void>;
  /** The stored state and result of an earlier step of the same execution. */
  earlierStep(
    index: number,
  ): Promise<{ state: ExecutionStepState; result?: unknown }>;
}

const succeeded = (output: string, result?: unknown): StepOutcome => ({
  state: 'succeeded',
  output,
  ...(result !== undefined ? { result } : {}),
});

// A create counts as done when what exists has every field the manifest sets (the server and
// controllers add defaults and status), and fails when it differs.
function matchesManifest(
  existing: PlainObject,
  manifest: PlainObject,
): boolean {
  const spec = manifest.spec as Record<string, unknown> | undefined;
  const labels = manifest.metadata?.labels as
    | Record<string, unknown>
    | undefined;
  return (
    (!spec || sameJson(valuesAt(existing.spec, spec), spec)) &&
    (!labels || sameJson(valuesAt(existing.metadata?.labels, labels), labels))
  );
}

async function runPatch(operator: ClusterOperator, step: ActionStep) {
  const ref = step.object!;
  const object = await operator.read(ref);
  if (!object) {
    throw new Error(
      `${describeObject(ref)} no longer exists on ${operator.cluster}`,
    );
  }
  if (patchIsApplied(object, step.after!)) {
    return succeeded('Already as planned: nothing changed.');
  }
  const before = valuesAt(object, step.after!);
  await operator.patch(ref, step.after!);
  return succeeded(
    `Patched ${describeObject(ref)} on ${operator.cluster}: ${JSON.stringify(
      before,
    )} → ${JSON.stringify(step.after)}`,
  );
}

async function runCreate(operator: ClusterOperator, step: ActionStep) {
  const manifest = step.manifest as PlainObject;
  const { created, object } = await operator.create(manifest);
  const name = describeObject(step.object!);
  if (created) return succeeded(`Created ${name} on ${operator.cluster}.`);
  if (!matchesManifest(object, manifest)) {
    throw new Error(
      `${name} exists on ${operator.cluster} with another spec: delete it or plan again`,
    );
  }
  return succeeded(`${name} exists already as planned: nothing changed.`);
}

async function runDelete(
  operator: ClusterOperator,
  step: ActionStep,
  context: StepContext,
) {
  const ref = step.object!;
  const existed = await operator.delete(ref);
  // Namespaces terminate before they go: the step ends when the namespace is gone.
  if (ref.kind === 'Namespace') {
    const deadline = Date.now() + (step.timeoutMs ?? 300_000);
    while (await operator.read(ref)) {
      if (Date.now() > deadline) {
        throw new Error(`${describeObject(ref)} is still terminating`);
      }
      await sleep(context.pollIntervalMs, undefined, {
        signal: context.signal,
      });
    }
  }
  return succeeded(
    existed
      ? `Deleted ${describeObject(ref)} on ${operator.cluster}.`
      : `${describeObject(ref)} was already gone: nothing changed.`,
  );
}

async function runWait(
  operator: ClusterOperator,
  step: ActionStep,
  context: StepContext,
) {
  const deadline = Date.now() + (step.timeoutMs ?? 600_000);
  let last = '';
  for (;;) {
    const look = await lookAt(operator, step);
    if (look.done) {
      return succeeded(look.output, { availableAt: new Date().toISOString() });
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Gave up after ${Math.round((step.timeoutMs ?? 0) / 1000)} s: ${
          look.progress
        }`,
      );
    }
    if (look.progress !== last) {
      last = look.progress;
      await context.progress(look.progress);
    }
    await sleep(context.pollIntervalMs, undefined, { signal: context.signal });
  }
}

async function runRecord(
  operator: ClusterOperator,
  step: ActionStep,
  context: StepContext,
): Promise<StepOutcome> {
  const { plan } = context;
  const restore = await operator.read(step.object!);
  if (!restore) {
    return {
      state: 'skipped',
      output: 'No Restore was created: nothing to record.',
    };
  }
  const waitStep = plan.steps.find(
    s => s.condition?.type === 'namespaces-available',
  );
  const wait = waitStep ? await context.earlierStep(waitStep.index) : undefined;
  const availableAt = (wait?.result as { availableAt?: string } | undefined)
    ?.availableAt;
  const base = drillFromRestore(plan.entityRef, operator.cluster, restore);
  let drill: DrillRecord;
  if (
    restore.status?.phase === 'Completed' &&
    wait?.state === 'succeeded' &&
    availableAt &&
    base.startedAt
  ) {
    const durationMs = Date.parse(availableAt) - Date.parse(base.startedAt);
    drill = { ...base, completedAt: availableAt, durationMs };
  } else {
    const { durationMs: _unused, ...rest } = base;
    drill = {
      ...rest,
      phase:
        restore.status?.phase === 'Completed'
          ? 'Failed'
          : base.phase || 'Failed',
    };
  }
  await context.drills.recordDrills([drill]);
  return succeeded(
    drill.durationMs !== undefined
      ? `Recorded drill ${drill.restoreName}: ${Math.round(
          drill.durationMs / 1000,
        )} s from the restore's start to the workloads available (measured RTO).`
      : `Recorded drill ${drill.restoreName} as ${drill.phase}: the restored workloads never became available.`,
    drill,
  );
}

/** Runs one step of a plan; throws with a message an operator can act on when it fails. */
export async function runStep(
  step: ActionStep,
  context: StepContext,
): Promise<StepOutcome> {
  const operator = await context.operators.operator(step.cluster!);
  switch (step.kind) {
    case 'patch':
      return runPatch(operator, step);
    case 'create':
      return runCreate(operator, step);
    case 'delete':
      return runDelete(operator, step, context);
    case 'wait':
      return runWait(operator, step, context);
    default:
      return runRecord(operator, step, context);
  }
}
