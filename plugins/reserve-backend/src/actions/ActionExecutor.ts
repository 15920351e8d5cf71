import { randomUUID } from 'node:crypto';
import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ActionExecution,
  ActionPlan,
  ActionStep,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { DrillStore } from '../database/DrillStore';
import { ExecutionStore } from '../database/ExecutionStore';
import { PlanStore } from '../database/PlanStore';
import { actorOf } from './actor';
import { ActionSettings } from './ActionPlanner';
import { OperatorSource } from './ClusterOperators';
import { assertPlanCurrent } from './execution/freshness';
import { runStep } from './execution/runStep';

interface RunningExecution {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Runs plans step by step: checks the confirmation, takes the entity's lock in the database,
 * checks the plan against the clusters, then runs each step in the background, storing its
 * state before and after it runs and auditing it. Call it after authorizing
 * `reserve.action.execute` on the entity.
 */
export class ActionExecutor {
  private readonly running = new Map<string, RunningExecution>();

  constructor(
    private readonly options: {
      plans: PlanStore;
      executions: ExecutionStore;
      operators: OperatorSource;
      drills: DrillStore;
      auditor: AuditorService;
      logger: LoggerService;
      settings: ActionSettings;
    },
  ) {}

  /** Starts running a plan; answers with the running execution. */
  async execute(
    entityRef: string,
    action: ReserveActionId,
    request: { planId: string; confirmation: string },
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
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
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'reserve-action-execution',
      severityLevel: 'high',
      meta: { actor, entityRef, action, planId: plan.id },
    });
    const { executions, operators } = this.options;
    let execution: ActionExecution;
    try {
      execution = await executions.startExecution({
        id: randomUUID(),
        plan,
        startedBy: actor,
        startedAt: new Date().toISOString(),
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
    this.launch(execution, plan, actor, event);
    return execution;
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
      eventId: 'reserve-action-execution',
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
    try {
      assertResumable(plan, execution);
      await executions.resumeExecution(id, execution.entityRef);
      try {
        await assertPlanCurrent(plan, operators, execution.steps);
      } catch (error) {
        await executions.finishExecution(
          id,
          execution.state as 'failed' | 'interrupted',
          execution.message,
        );
        throw error;
      }
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    const resumed = (await executions.getExecution(id))!;
    this.launch(resumed, plan, actor, event);
    return resumed;
  }

  /** An execution by id; NotFoundError when there is none. */
  async get(id: string): Promise<ActionExecution> {
    const execution = await this.options.executions.getExecution(id);
    if (!execution) throw new NotFoundError(`No execution ${id}`);
    return execution;
  }

  /** The entity's executions, newest first. */
  list(entityRef: string): Promise<ActionExecution[]> {
    return this.options.executions.listExecutions(entityRef);
  }

  /** At start-up: executions left running by a previous process are interrupted. */
  async interruptLeftovers(): Promise<void> {
    const ids = await this.options.executions.interruptRunning(
      'The backend stopped while this execution ran: resume it (POST /executions/:id/resume)',
    );
    for (const id of ids) {
      this.options.logger.warn(`Execution ${id} was interrupted by a restart`);
    }
  }

  /** At shutdown: stops running executions between or inside steps, leaving them resumable. */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    runs.forEach(run => run.abort.abort());
    await Promise.allSettled(runs.map(run => run.done));
  }

  /** Waits until an execution started by this process ends; for tests. */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  private launch(
    execution: ActionExecution,
    plan: ActionPlan,
    actor: string,
    event: AuditorServiceEvent,
  ) {
    const abort = new AbortController();
    const done = this.run(execution, plan, actor, event, abort.signal)
      .catch(error =>
        this.options.logger.error(
          `Execution ${execution.id} stopped unexpectedly`,
          error,
        ),
      )
      .finally(() => this.running.delete(execution.id));
    this.running.set(execution.id, { abort, done });
  }

  private async run(
    execution: ActionExecution,
    plan: ActionPlan,
    actor: string,
    event: AuditorServiceEvent,
    signal: AbortSignal,
  ): Promise<void> {
    const { executions } = this.options;
    const states = new Map(execution.steps.map(s => [s.index, s.state]));
    let failure: string | undefined;
    for (const step of plan.steps) {
      const state = states.get(step.index);
      if (state === 'succeeded' || state === 'skipped') continue;
      if (failure && !step.always) continue;
      if (signal.aborted) break;
      const outcome = await this.runOne(execution, plan, step, actor, signal);
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
      await executions.finishExecution(execution.id, 'interrupted', message);
      await event.fail({
        error: new Error(message),
        meta: { executionId: execution.id, state: 'interrupted' },
      });
    } else if (failure) {
      await executions.finishExecution(execution.id, 'failed', failure);
      await event.fail({
        error: new Error(failure),
        meta: { executionId: execution.id, state: 'failed' },
      });
    } else {
      await executions.finishExecution(
        execution.id,
        'succeeded',
        `All ${plan.steps.length} steps done`,
      );
      await event.success({
        meta: { executionId: execution.id, state: 'succeeded' },
      });
    }
  }

  private async runOne(
    execution: ActionExecution,
    plan: ActionPlan,
    step: ActionStep,
    actor: string,
    signal: AbortSignal,
  ): Promise<'ok' | 'interrupted' | { error: string }> {
    const { executions, auditor } = this.options;
    const event = await auditor.createEvent({
      eventId: 'reserve-action-step',
      severityLevel: 'medium',
      meta: {
        actor,
        entityRef: plan.entityRef,
        action: plan.action,
        executionId: execution.id,
        step: step.index,
        title: step.title,
        ...(step.cluster ? { cluster: step.cluster } : {}),
      },
    });
    await executions.updateStep(execution.id, step.index, {
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
          executions.updateStep(execution.id, step.index, {
            state: 'running',
            output,
          }),
        earlierStep: async index => {
          const stored = await executions.getExecution(execution.id);
          return {
            state:
              stored?.steps.find(s => s.index === index)?.state ?? 'pending',
            result: await executions.stepResult(execution.id, index),
          };
        },
      });
      await executions.updateStep(execution.id, step.index, {
        state: outcome.state,
        output: outcome.output,
        result: outcome.result,
        finishedAt: new Date().toISOString(),
      });
      await event.success({ meta: { output: outcome.output } });
      return 'ok';
    } catch (error) {
      if (signal.aborted) {
        await executions.updateStep(execution.id, step.index, {
          state: 'pending',
          output: 'Interrupted by a backend shutdown: runs again on resume.',
        });
        await event.fail({ error: new Error('interrupted by a shutdown') });
        return 'interrupted';
      }
      const message = (error as Error).message;
      await executions.updateStep(execution.id, step.index, {
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
