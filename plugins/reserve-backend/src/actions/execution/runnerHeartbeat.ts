import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ExecutionRun, ExecutionStore } from '../../database/ExecutionStore';

/**
 * How many heartbeat intervals a running execution's heartbeat may be late before its runner
 * counts as gone: one late beat is a busy event loop or database, three are a dead instance.
 */
export const STALE_AFTER_HEARTBEATS = 3;

/**
 * Refreshes a run's heartbeat every `intervalMs` until the returned function is called;
 * calls `onLost` once when the runner no longer holds the execution.
 */
export function keepRunAlive(options: {
  executions: ExecutionStore;
  run: ExecutionRun;
  intervalMs: number;
  logger: LoggerService;
  onLost: () => void;
}): () => void {
  const { executions, run, intervalMs, logger, onLost } = options;
  let lost = false;
  const timer = setInterval(() => {
    executions.heartbeat(run).then(
      held => {
        if (!held && !lost) {
          lost = true;
          onLost();
        }
      },
      // A database hiccup is not a lost run: the next beat, or the next write, tells.
      error =>
        logger.warn(
          `Could not refresh the heartbeat of execution ${run.executionId}: ${error}`,
        ),
    );
  }, intervalMs);
  // A pending beat must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Marks interrupted the running executions whose runner is gone: their heartbeat is more than
 * STALE_AFTER_HEARTBEATS intervals old. The runs this instance is running are never swept,
 * however late their heartbeat (a stalled event loop): it knows they are alive. A run of this
 * instance that died without finishing is swept like any other.
 */
export class AbandonedExecutionSweep {
  constructor(
    private readonly options: {
      executions: ExecutionStore;
      /** The executions this instance is running now. */
      liveExecutions: () => string[];
      heartbeatMs: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Sweeps once; answers the ids of the executions it interrupted. */
  async sweep(): Promise<string[]> {
    const { executions, liveExecutions, heartbeatMs, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const ids = await executions.interruptAbandoned({
      message:
        'The backend instance running this execution stopped (no heartbeat): resume it (POST /executions/:id/resume)',
      heartbeatBefore: new Date(
        now.getTime() - STALE_AFTER_HEARTBEATS * heartbeatMs,
      ),
      exceptExecutions: liveExecutions(),
    });
    for (const id of ids) {
      logger.warn(
        `Execution ${id} was interrupted: the backend instance running it sent no heartbeat for ${
          STALE_AFTER_HEARTBEATS * heartbeatMs
        } ms`,
      );
    }
    return ids;
  }

  /**
   * Sweeps every heartbeat interval. A local task: each instance sweeps, which costs one
   * query on the running executions, and a sweep of a crashed instance's runs does not wait
   * for a global task's lease; concurrent sweeps are harmless (the rows are locked and re-read).
   */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { heartbeatMs } = this.options;
    await scheduler.scheduleTask({
      id: 'reserve-interrupt-abandoned-executions',
      scope: 'local',
      frequency: { milliseconds: heartbeatMs },
      timeout: { milliseconds: Math.max(heartbeatMs, 60_000) },
      initialDelay: { milliseconds: heartbeatMs },
      fn: async () => {
        await this.sweep();
      },
    });
  }
}
