import { randomUUID } from 'node:crypto';
import ms from 'ms';
import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import {
  ActionExecution,
  ActionPlan,
  ActionStep,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { DrillStore } from '../database/DrillStore';
import {
  ExecutionRun,
  ExecutionStore,
  ExecutionTakenError,
} from '../database/ExecutionStore';
import { PlanStore } from '../database/PlanStore';
import { EntityKinds } from '../view/entityKinds';
import { actorOf } from './actor';
import { ActionSettings } from './actionSettings';
import { OperatorSource } from './OperatorConnections';
import { assertPlanCurrent } from './execution/freshness';
import { runStep } from './execution/runStep';
import {
  AbandonedExecutionSweep,
  keepRunAlive,
} from './execution/runnerHeartbeat';

interface RunningExecution {
  abort: AbortController;
  done: Promise<void>;
}

/** One run of an execution by this instance, from its launch to its end. */
interface RunContext {
  /** The execution as it was when the run started (resumed: with its finished steps). */
  execution: ActionExecution;
  /** This instance's hold on the execution: every write of the run goes through it. */
  run: ExecutionRun;
  plan: ActionPlan;
  /** Who started or resumed the run. */
  actor: string;
  /** The audit event of the whole run, ended when the run ends. */
  audit: AuditorServiceEvent;
  /** Aborted at shutdown, or once another instance has taken the execution. */
  signal: AbortSignal;
  /** Whether the run resumes an execution that failed or was interrupted. */
  resumed: boolean;
}

/** A run starting or ending, as told to `onRunEvent`. */
export interface ExecutionEvent {
  executionId: string;
  entityRef: string;
  action: ReserveActionId;
  /** Who started or resumed the run. */
  actor: string;
  event: 'started' | 'resumed' | 'succeeded' | 'failed' | 'interrupted';
  /** How it ended, or why it failed. */
  message?: string;
}

/**
 * Runs plans step by step: checks the confirmation, takes the entity's lock in the database,
 * checks the plan against the clusters, then runs each step in the background, storing its
 * state before and after it runs and auditing it. Call it after authorizing
 * `reserve.action.execute` on the entity.
 *
 * Each executor (one per backend instance) is a runner with a random id: the executions it
 * runs carry that id and a heartbeat it refreshes, and every write it makes to them is refused
 * once another instance has taken them over.
 */
export class ActionExecutor {
  /** This backend instance's runner id. */
  readonly runner: string;
  private readonly running = new Map<string, RunningExecution>();
  /** Executions being started or resumed, not yet running. */
  private readonly claimed = new Set<string>();
  private readonly sweep: AbandonedExecutionSweep;

  constructor(
    private readonly options: {
      plans: PlanStore;
      executions: ExecutionStore;
      operators: OperatorSource;
      drills: DrillStore;
      auditor: AuditorService;
      logger: LoggerService;
      settings: ActionSettings;
      /** The kinds with workloads (`reserve.entityKinds`); default Component and Resource. */
      kinds?: EntityKinds;
      /** Told when an execution succeeds (a failover or failback changes where the entity serves). */
      onSucceeded?: (
        plan: ActionPlan,
        executionId: string,
        actor: string,
      ) => Promise<void>;
      /**
       * Told when a run starts or resumes and when it ends (to notify the entity's owners);
       * called without waiting, so it can neither delay nor fail the run.
       */
      onRunEvent?: (event: ExecutionEvent) => void;
      /** Default: a random UUID. */
      runner?: string;
    },
  ) {
    this.runner = options.runner ?? randomUUID();
    this.sweep = new AbandonedExecutionSweep({
      executions: options.executions,
      liveExecutions: () => [...this.running.keys(), ...this.claimed],
      heartbeatMs: options.settings.heartbeatMs,
      logger: options.logger,
    });
  }

  /** Starts running a plan; answers with the running execution. */
  async execute(
    entityRef: string,
    action: ReserveActionId,
    request: { planId: string; confirmation: string },
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
    this.kinds.assertApplies(entityRef, 'executions');
    assertConfirmation(entityRef, request.confirmation);
    const plan = await this.options.plans.getPlan(request.planId);
    if (!plan || plan.entityRef !== entityRef) {
      throw new NotFoundError(`No plan ${request.planId} for ${entityRef}`);
    }
    if (plan.action !== action) {
      throw new InputError(
        `planId: plan ${plan.id} is a ${plan.action} plan, not ${action}`,
      );
    }
    assertPlanNotExpired(plan, this.options.settings.planTtlMs);
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'action-execution',
      severityLevel: 'high',
      meta: { actor, entityRef, action, planId: plan.id },
    });
    const { executions, operators } = this.options;
    const id = randomUUID();
    return this.claiming(id, async () => {
      let execution: ActionExecution;
      try {
        execution = await executions.startExecution({
          id,
          plan,
          startedBy: actor,
          startedAt: new Date().toISOString(),
          runner: this.runner,
        });
        try {
          await assertPlanCurrent(plan, operators);
        } catch (error) {
          await executions.discardExecution(execution.id);
          throw error;
        }
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
      this.launch({ execution, plan, actor, audit: event, resumed: false });
      return execution;
    });
  }

  /** Resumes a failed or interrupted execution from its first unfinished step. */
  async resume(
    id: string,
    confirmation: string,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
    const { executions, plans, operators } = this.options;
    const execution = await this.get(id);
    assertConfirmation(execution.entityRef, confirmation);
    const plan = (await plans.getPlan(execution.planId))!;
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'action-execution',
      severityLevel: 'high',
      meta: {
        actor,
        entityRef: execution.entityRef,
        action: execution.action,
        planId: plan.id,
        executionId: id,
        resumed: true,
      },
    });
    return this.claiming(id, async () => {
      try {
        assertResumable(plan, execution);
        // A run of this instance that was taken from it may not have noticed yet: its next
        // write would pass once this instance holds the execution again, so end it first.
        await this.stopRun(id);
        await executions.resumeExecution(id, execution.entityRef, this.runner);
        try {
          await assertPlanCurrent(plan, operators, execution.steps);
        } catch (error) {
          // Refused: the execution ends as it was, its end time included.
          await executions.finishExecution(
            { executionId: id, runner: this.runner },
            execution.state as 'failed' | 'interrupted',
            execution.message,
            execution.finishedAt,
          );
          throw error;
        }
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
      const resumed = (await executions.getExecution(id))!;
      this.launch({
        execution: resumed,
        plan,
        actor,
        audit: event,
        resumed: true,
      });
      return resumed;
    });
  }

  // Keeps the sweeps off an execution from its first write until its run is launched and
  // beats: the plan check in between reads clusters and may outlast a few heartbeats. This
  // instance's sweep skips it; for the other instances' sweeps it beats from the claim on,
  // else one of them would interrupt it and another resume could take it too.
  private async claiming<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const { executions, settings, logger } = this.options;
    this.claimed.add(id);
    const stopBeating = keepRunAlive({
      executions,
      run: { executionId: id, runner: this.runner },
      intervalMs: settings.heartbeatMs,
      logger,
      // Not held before the claim is written, nor if the claim fails: nothing to stop then.
      onLost: () => undefined,
    });
    try {
      return await fn();
    } finally {
      stopBeating();
      this.claimed.delete(id);
    }
  }

  private get kinds(): EntityKinds {
    return this.options.kinds ?? new EntityKinds();
  }

  /** An execution by id; NotFoundError when there is none. */
  async get(id: string): Promise<ActionExecution> {
    const execution = await this.options.executions.getExecution(id);
    if (!execution) throw new NotFoundError(`No execution ${id}`);
    return execution;
  }

  /** The entity's executions, newest first. */
  async list(entityRef: string): Promise<ActionExecution[]> {
    this.kinds.assertApplies(entityRef, 'executions');
    return this.options.executions.listExecutions(entityRef);
  }

  /**
   * At start-up and then every heartbeat interval: marks interrupted the executions whose
   * runner is gone (its heartbeat is late), leaving live instances' runs alone.
   */
  async interruptAbandoned(scheduler: SchedulerService): Promise<void> {
    await this.sweep.sweep();
    await this.sweep.schedule(scheduler);
  }

  /** At shutdown: stops running executions between or inside steps, leaving them resumable. */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    runs.forEach(run => run.abort.abort());
    await Promise.allSettled(runs.map(run => run.done));
  }

  private async stopRun(id: string): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    run.abort.abort();
    await run.done;
  }

  /** Waits until an execution started by this process ends; for tests. */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  private launch(start: Omit<RunContext, 'run' | 'signal'>) {
    const { execution } = start;
    const { executions, logger, settings } = this.options;
    const run = { executionId: execution.id, runner: this.runner };
    const abort = new AbortController();
    const stopHeartbeat = keepRunAlive({
      executions,
      run,
      intervalMs: settings.heartbeatMs,
      logger,
      // The run's next write is refused and ends it; stop a step's wait right away.
      onLost: () => abort.abort(),
    });
    const entry: RunningExecution = { abort, done: Promise.resolve() };
    entry.done = this.run({ ...start, run, signal: abort.signal })
      .catch(error => {
        logger.error(`Execution ${execution.id} stopped unexpectedly`, error);
        this.tell(
          start,
          'interrupted',
          `This backend instance stopped running it (${stringifyError(
            error,
          )}); it reads interrupted once its heartbeat is late, and can be resumed then`,
        );
      })
      .finally(() => {
        stopHeartbeat();
        if (this.running.get(execution.id) === entry) {
          this.running.delete(execution.id);
        }
      });
    this.running.set(execution.id, entry);
    this.tell(start, start.resumed ? 'resumed' : 'started');
  }

  private tell(
    context: Pick<RunContext, 'execution' | 'actor'>,
    event: ExecutionEvent['event'],
    message?: string,
  ) {
    const { execution, actor } = context;
    this.options.onRunEvent?.({
      executionId: execution.id,
      entityRef: execution.entityRef,
      action: execution.action,
      actor,
      event,
      message,
    });
  }

  private async run(context: RunContext): Promise<void> {
    const { execution, run, audit } = context;
    try {
      await this.runSteps(context);
    } catch (error) {
      if (!(error instanceof ExecutionTakenError)) throw error;
      // Another instance marked the execution interrupted while this one stalled, and may
      // have resumed it since: its rows are no longer this run's to write.
      this.options.logger.error(
        `Execution ${execution.id} was taken from this backend instance (runner ${run.runner}) after its heartbeat was late; this instance stopped running it and wrote nothing more`,
      );
      await audit.fail({
        error,
        meta: { executionId: execution.id, takenOver: true },
      });
    }
  }

  private async runSteps(context: RunContext): Promise<void> {
    const { execution, run, plan, audit, signal } = context;
    const { executions } = this.options;
    const states = new Map(execution.steps.map(s => [s.index, s.state]));
    let failure: string | undefined;
    for (const step of plan.steps) {
      const state = states.get(step.index);
      if (state === 'succeeded' || state === 'skipped') continue;
      if (failure && !step.always) continue;
      if (signal.aborted) break;
      const outcome = await this.runOne(context, step);
      if (outcome === 'interrupted') break;
      if (outcome !== 'ok' && !failure) {
        failure = `Step ${step.index + 1} of ${plan.steps.length} (${
          step.title
        }) failed: ${
          outcome.error
        }. Fix the cause and resume the execution; it continues from that step.`;
      }
    }
    if (signal.aborted) {
      const message =
        'The backend stopped while this execution ran: resume it (POST /executions/:id/resume)';
      await executions.finishExecution(run, 'interrupted', message);
      await audit.fail({
        error: new Error(message),
        meta: { executionId: execution.id, state: 'interrupted' },
      });
      this.tell(context, 'interrupted', message);
    } else if (failure) {
      await executions.finishExecution(run, 'failed', failure);
      await audit.fail({
        error: new Error(failure),
        meta: { executionId: execution.id, state: 'failed' },
      });
      this.tell(context, 'failed', failure);
    } else {
      // Before the execution reads as succeeded, so that whoever sees it succeed sees where
      // the entity serves now.
      await this.options.onSucceeded?.(plan, execution.id, context.actor);
      const message = `All ${plan.steps.length} steps done`;
      await executions.finishExecution(run, 'succeeded', message);
      await audit.success({
        meta: { executionId: execution.id, state: 'succeeded' },
      });
      this.tell(context, 'succeeded', message);
    }
  }

  private async runOne(
    context: RunContext,
    step: ActionStep,
  ): Promise<'ok' | 'interrupted' | { error: string }> {
    const { run, plan, actor } = context;
    const event = await this.options.auditor.createEvent({
      eventId: 'action-step',
      severityLevel: 'medium',
      meta: {
        actor,
        entityRef: plan.entityRef,
        action: plan.action,
        executionId: run.executionId,
        step: step.index,
        title: step.title,
        ...(step.cluster ? { cluster: step.cluster } : {}),
      },
    });
    try {
      return await this.runStored(context, step, event);
    } catch (error) {
      if (error instanceof ExecutionTakenError) await event.fail({ error });
      throw error;
    }
  }

  /** Runs a step, storing its state before and after; ExecutionTakenError ends the run. */
  private async runStored(
    { run, plan, signal }: RunContext,
    step: ActionStep,
    event: AuditorServiceEvent,
  ): Promise<'ok' | 'interrupted' | { error: string }> {
    const { executions } = this.options;
    await executions.updateStep(run, step.index, {
      state: 'running',
      startedAt: new Date().toISOString(),
    });
    try {
      const outcome = await runStep(step, {
        plan,
        operators: this.options.operators,
        drills: this.options.drills,
        pollIntervalMs: this.options.settings.pollIntervalMs,
        signal,
        progress: output =>
          executions.updateStep(run, step.index, {
            state: 'running',
            output,
          }),
        earlierStep: async index => {
          const stored = await executions.getExecution(run.executionId);
          return {
            state:
              stored?.steps.find(s => s.index === index)?.state ?? 'pending',
            result: await executions.stepResult(run.executionId, index),
          };
        },
      });
      await executions.updateStep(run, step.index, {
        state: outcome.state,
        output: outcome.output,
        result: outcome.result,
        finishedAt: new Date().toISOString(),
      });
      await event.success({ meta: { output: outcome.output } });
      return 'ok';
    } catch (error) {
      if (error instanceof ExecutionTakenError) throw error;
      if (signal.aborted) {
        await executions.updateStep(run, step.index, {
          state: 'pending',
          output: 'Interrupted by a backend shutdown: runs again on resume.',
        });
        await event.fail({ error: new Error('interrupted by a shutdown') });
        return 'interrupted';
      }
      const message = (error as Error).message;
      await executions.updateStep(run, step.index, {
        state: 'failed',
        output: message,
        finishedAt: new Date().toISOString(),
      });
      await event.fail({ error: error as Error });
      return { error: message };
    }
  }
}

/** The typed confirmation must be the entity's name: a run never starts by a stray click. */
function assertConfirmation(entityRef: string, confirmation: string) {
  const { name } = parseEntityRef(entityRef);
  if (confirmation !== name) {
    throw new InputError(
      `confirmation: type the entity's name, ${name}, to run this action`,
    );
  }
}

function assertResumable(plan: ActionPlan, execution: ActionExecution) {
  if (execution.state === 'running') {
    throw new ConflictError(`Execution ${execution.id} is still running`);
  }
  if (execution.state === 'succeeded') {
    throw new ConflictError(
      `Execution ${execution.id} succeeded: nothing to resume`,
    );
  }
  const done = (index: number) =>
    ['succeeded', 'skipped'].includes(
      execution.steps.find(s => s.index === index)?.state ?? 'pending',
    );
  const firstOpen = plan.steps.find(s => !done(s.index));
  const cleanedUp = plan.steps.some(
    s => s.always && done(s.index) && firstOpen && s.index > firstOpen.index,
  );
  if (cleanedUp) {
    throw new ConflictError(
      `Execution ${execution.id} cleaned up after its failure: plan the ${plan.action} again`,
    );
  }
}

// A plan records the clusters as they were; after reserve.actions.planTtl it is too old to run.
function assertPlanNotExpired(plan: ActionPlan, ttlMs: number): void {
  const expiresAt = new Date(Date.parse(plan.createdAt) + ttlMs);
  if (Date.now() >= expiresAt.getTime()) {
    throw new ConflictError(
      `Plan ${
        plan.id
      } expired at ${expiresAt.toISOString()} (plans can be run for ${ms(
        ttlMs,
        { long: true },
      )}, reserve.actions.planTtl): plan again`,
    );
  }
}
