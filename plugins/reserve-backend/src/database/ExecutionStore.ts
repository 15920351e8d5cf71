import {
  ActionExecution,
  ActionPlan,
  ExecutionState,
  ExecutionStepState,
} from '@kube-reserve/plugin-reserve-common';

/** A change to one step's stored state. */
export interface StepUpdate {
  state: ExecutionStepState;
  output?: string;
  /** JSON later steps read (e.g. when workloads became available). */
  result?: unknown;
  startedAt?: string;
  finishedAt?: string;
}

/** One backend instance's run of an execution: the writes it may make while it holds the run. */
export interface ExecutionRun {
  executionId: string;
  /** The random id the backend instance running it drew at start. */
  runner: string;
}

/**
 * The run's runner no longer holds the execution: another instance marked it interrupted
 * because its heartbeat was late (and someone may have resumed it since). Nothing was written.
 */
export class ExecutionTakenError extends Error {
  constructor(run: ExecutionRun) {
    super(
      `Execution ${run.executionId} is no longer run by runner ${run.runner}: it was marked interrupted while its heartbeat was late`,
    );
    this.name = 'ExecutionTakenError';
  }
}

/** Executions of plans and their steps, with the per-entity lock and the runner holding each run. */
export interface ExecutionStore {
  /**
   * Stores a running execution of a plan with every step pending, taking the entity's lock
   * for `runner`; ConflictError when another execution of the entity is running, or the plan
   * already ran.
   */
  startExecution(input: {
    id: string;
    plan: ActionPlan;
    startedBy: string;
    startedAt: string;
    runner: string;
  }): Promise<ActionExecution>;
  /**
   * Takes the entity's lock again for a failed or interrupted execution and hands it to
   * `runner`; ConflictError if the lock is taken or the execution is not resumable.
   */
  resumeExecution(id: string, entityRef: string, runner: string): Promise<void>;
  /**
   * Sets a run's end state and releases the entity's lock; ExecutionTakenError (nothing
   * written) when the run's runner no longer holds the execution. It ends now, or at
   * `finishedAt` when an end is put back (a refused resume leaves the execution as it was).
   */
  finishExecution(
    run: ExecutionRun,
    state: Exclude<ExecutionState, 'running'>,
    message?: string,
    finishedAt?: string,
  ): Promise<void>;
  /** Removes an execution that never ran a step (its plan turned out stale). */
  discardExecution(id: string): Promise<void>;
  /**
   * Stores a step's state, and counts as a heartbeat; ExecutionTakenError (nothing written)
   * when the run's runner no longer holds the execution.
   */
  updateStep(
    run: ExecutionRun,
    index: number,
    update: StepUpdate,
  ): Promise<void>;
  /** Says the run's runner still runs it; false when it no longer holds the execution. */
  heartbeat(run: ExecutionRun): Promise<boolean>;
  /** The stored result of a step, if it has one. */
  stepResult(executionId: string, index: number): Promise<unknown>;
  getExecution(id: string): Promise<ActionExecution | undefined>;
  executionOfPlan(planId: string): Promise<ActionExecution | undefined>;
  /** An entity's executions, newest first. */
  listExecutions(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<ActionExecution[]>;
  /**
   * Marks interrupted the running executions whose last heartbeat is older than
   * `heartbeatBefore` (or that have none), except `exceptExecutions` (the caller is running
   * them): their runners are gone. Their running steps go back to pending and their locks are
   * released; answers their ids.
   */
  interruptAbandoned(input: {
    message: string;
    heartbeatBefore: Date;
    exceptExecutions?: readonly string[];
  }): Promise<string[]>;
}
