import { SkippedStep } from './failover';

/** The actions Kube Reserve plans and runs (DESIGN.md §6). */
export const reserveActionIds = [
  'failover',
  'failback',
  'backup-now',
  'restore-drill',
] as const;

/** Identifier of an action, e.g. `failover`. */
export type ReserveActionId = (typeof reserveActionIds)[number];

/** Whether a string names one of the actions. */
export function isReserveActionId(id: string): id is ReserveActionId {
  return (reserveActionIds as readonly string[]).includes(id);
}

/** Options of `POST .../actions/:action/plan`, all optional. */
export interface ActionPlanOptions {
  /** Failover: also scale the primary's workloads to 0 (default: leave them as they are). */
  scaleDownPrimary?: boolean;
  /** The reserve to fail over to, back from, or drill on, when the pair has several. */
  reserve?: string;
}

/** The Kubernetes object a step reads or changes. */
export interface ActionObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * What a step does:
 * - `patch`: a merge patch with absolute values (`after`) on a named object; `before` is what
 *   the plan saw at the same paths;
 * - `create`: a named object (`manifest`); an existing one with the same spec counts as done;
 * - `delete`: a named object; absent counts as done (namespaces: waits until gone);
 * - `wait`: until `condition` holds, at most `timeoutMs`;
 * - `record`: writes to Kube Reserve's own database (the drill history).
 */
export type ActionStepKind = 'patch' | 'create' | 'delete' | 'wait' | 'record';

/** The condition a wait step waits for. */
export type ActionWaitCondition =
  | { type: 'backup-completed' }
  | { type: 'restore-completed' }
  | {
      type: 'workloads-available';
      /** The workloads, with the replicas each must have available. */
      workloads: Array<ActionObjectRef & { replicas: number }>;
    }
  | {
      /** Every Deployment and StatefulSet in the namespaces is available. */
      type: 'namespaces-available';
      namespaces: string[];
    };

/** One step of a plan: a concrete change on one named object of one cluster. */
export interface ActionStep {
  /** Position in the plan, from 0. */
  index: number;
  kind: ActionStepKind;
  /** What the step does, in a sentence, e.g. `Scale Deployment checkout/checkout on reserve-ams from 4 to 6`. */
  title: string;
  /** Absent for `record` steps, which write to Kube Reserve's database. */
  cluster?: string;
  object?: ActionObjectRef;
  /** Patch steps: the fields the patch sets, as they were at planning. */
  before?: Record<string, unknown>;
  /** Patch steps: the merge patch (absolute values). */
  after?: Record<string, unknown>;
  /** Create steps: the object to create. */
  manifest?: Record<string, unknown>;
  /** Wait steps. */
  condition?: ActionWaitCondition;
  timeoutMs?: number;
  /** Runs also after an earlier step failed (the drill's clean-up). */
  always?: boolean;
}

/** What a plan read of one object, to tell later whether the cluster changed since. */
export interface FingerprintEntry {
  cluster: string;
  object: ActionObjectRef;
  /** The object's resourceVersion at planning; absent when it did not exist. */
  resourceVersion?: string;
  /** The fields the plan depends on, as read (`null`: the object did not exist). */
  observed: unknown;
  /** The same fields once the plan's steps ran: also current for a resumed execution. */
  expected?: unknown;
}

/** The dry run of an action: ordered steps, warnings, and what it was computed from. */
export interface ActionPlan {
  id: string;
  entityRef: string;
  action: ReserveActionId;
  options: ActionPlanOptions;
  primary?: string;
  reserve?: string;
  steps: ActionStep[];
  /** What the plan cannot do or what the operator should know, one sentence each. */
  warnings: string[];
  /**
   * Steps the plan would take but cannot (their cluster does not answer), each with why;
   * never dropped silently. A failover carries them into the failback runbook.
   */
  skipped: SkippedStep[];
  /** The user (or service) that planned it. */
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
  fingerprint: FingerprintEntry[];
}

/** The body of `POST .../actions/:action/executions`. */
export interface ActionExecutionRequest {
  planId: string;
  /** Must equal the entity's name. */
  confirmation: string;
}

/** The body of `POST /executions/:id/resume`. */
export interface ActionResumeRequest {
  /** Must equal the entity's name. */
  confirmation: string;
}

/** `running` holds the entity's lock; `interrupted` was running when the backend stopped. */
export type ExecutionState = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** State of one step of an execution. */
export type ExecutionStepState =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'skipped';

/** One step of an execution, as stored before and after it ran. */
export interface ExecutionStep {
  index: number;
  title: string;
  state: ExecutionStepState;
  /** What happened, in words: the change made, "already as planned", the error. */
  output?: string;
  /** ISO 8601. */
  startedAt?: string;
  finishedAt?: string;
}

/** A run of a plan. */
export interface ActionExecution {
  id: string;
  planId: string;
  entityRef: string;
  action: ReserveActionId;
  state: ExecutionState;
  /** Who started (or last resumed) it. */
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  /** Why it failed or was interrupted, or how it ended. */
  message?: string;
  steps: ExecutionStep[];
}

/** The answer of `GET /entities/:kind/:namespace/:name/executions`, newest first. */
export interface ExecutionsResponse {
  entityRef: string;
  executions: ActionExecution[];
}
