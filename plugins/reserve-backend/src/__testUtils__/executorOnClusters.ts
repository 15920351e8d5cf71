import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Simulator } from '@kube-reserve/cluster-sim';
import {
  ActionObjectRef,
  ActionPlan,
} from '@kube-reserve/plugin-reserve-common';
import { Knex } from 'knex';
import { ActionExecutor, ExecutionEvent } from '../actions/ActionExecutor';
import { ActionSettings } from '../actions/actionSettings';
import { OperatorConnections } from '../actions/OperatorConnections';
import { PlanDraft } from '../actions/planning/PlanDraft';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { DatabaseDrillStore } from '../database/DatabaseDrillStore';
import { DatabaseExecutionStore } from '../database/DatabaseExecutionStore';
import { DatabasePlanStore } from '../database/DatabasePlanStore';
import { ExecutionStore } from '../database/ExecutionStore';
import { PlanStore } from '../database/PlanStore';
import { AuditLogLine, createAuditLog } from './auditLog';
import { ClusterCheckpoint } from './checkoutFailover';
import { countOperatorWrites, WriteCount } from './crashPoints';
import { owner } from './ownerOnlyPermissions';
import { demoReserveConfig, startDemoClusters } from './startDemoBackend';
import { reserveConfig } from './startReserveBackend';

/** Checkout, whose objects the demo clusters hold. */
export const checkoutRef = 'component:default/checkout';

/** Checkout's objects that {@link ExecutorWorld.planFailover} changes. */
export const checkoutObjects = {
  deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'checkout',
    name: 'checkout',
  },
  cronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    namespace: 'checkout',
    name: 'checkout-abandoned-cart-reminder',
  },
} satisfies Record<string, ActionObjectRef>;

/** Executors of backend instances sharing one database and the demo clusters. */
export interface ExecutorWorld {
  plans: PlanStore;
  executions: ExecutionStore;
  /** The audit log of every executor of the world, as Backstage's auditor writes it. */
  audit: AuditLogLine[];
  /** What every executor of the world told `onRunEvent` (the notifications' source). */
  runEvents: ExecutionEvent[];
  /**
   * A backend instance's executor, with a runner id of its own; `executions` stands in for
   * its connection to the shared database (default: the world's).
   */
  executor(options?: {
    executions?: ExecutionStore;
    settings?: Partial<ActionSettings>;
    logger?: LoggerService;
  }): ActionExecutor;
  /**
   * Plans checkout's failover, shortened, as the planner does: reads the objects live with
   * the operator tokens and stores the steps and fingerprint of a {@link PlanDraft}:
   * 1. Scale Deployment checkout/checkout on reserve-ams from 4 to 6;
   * 2. Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra;
   * 3. Resume CronJob checkout/checkout-abandoned-cart-reminder on reserve-ams;
   * 4. Wait until Deployment checkout/checkout on reserve-ams is available at full size.
   */
  planFailover(options?: { createdAt?: Date }): Promise<ActionPlan>;
  /** Stops every executor made (at the end of a test: runs left waiting end interrupted). */
  stop(): Promise<void>;
}

/** The settings of the world's executors unless a test says otherwise. */
const testActionSettings: ActionSettings = {
  waitTimeoutMs: 60_000,
  pollIntervalMs: 50,
  heartbeatMs: 60_000,
  planTtlMs: 3_600_000,
  maxPlansPerEntity: 20,
  veleroNamespace: 'velero',
};

/**
 * Executors on the demo clusters (a running {@link Simulator} of examples/clusters) with real
 * stores on `knex` and the operator connections the plugin makes, as reserve config sets them.
 */
export async function executorWorld(
  sim: Simulator,
  knex: Knex,
): Promise<ExecutorWorld> {
  const database = { getClient: async () => knex };
  // One after the other: each brings the schema up to date.
  const plans = await DatabasePlanStore.create({ database });
  const executions = await DatabaseExecutionStore.create({ database });
  const drills = await DatabaseDrillStore.create({ database });
  const config = new ConfigReader(
    reserveConfig({
      sim,
      reserve: {
        ...demoReserveConfig,
        refresh: { frequency: { seconds: 60 }, timeout: { seconds: 20 } },
      },
    }),
  );
  const operators = OperatorConnections.fromConfig(
    config,
    ClusterRegistry.fromConfig(config),
  );
  const auditLog = createAuditLog();
  const made: ActionExecutor[] = [];
  const runEvents: ExecutionEvent[] = [];

  return {
    plans,
    executions,
    audit: auditLog.lines,
    runEvents,
    executor(options) {
      const executor = new ActionExecutor({
        plans,
        executions: options?.executions ?? executions,
        operators,
        drills,
        auditor: auditLog.auditor,
        logger: options?.logger ?? mockServices.logger.mock(),
        settings: { ...testActionSettings, ...options?.settings },
        onRunEvent: event => runEvents.push(event),
      });
      made.push(executor);
      return executor;
    },
    async planFailover(options) {
      const { deployment, cronJob } = checkoutObjects;
      const reserve = await operators.operator('reserve-ams');
      const primary = await operators.operator('prod-fra');
      const draft = new PlanDraft();
      draft.patch(
        'reserve-ams',
        'Deployment',
        (await reserve.read(deployment))!,
        { spec: { replicas: 6 } },
        'Scale Deployment checkout/checkout on reserve-ams from 4 to 6',
      );
      draft.patch(
        'prod-fra',
        'CronJob',
        (await primary.read(cronJob))!,
        { spec: { suspend: true } },
        'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
      );
      draft.patch(
        'reserve-ams',
        'CronJob',
        (await reserve.read(cronJob))!,
        { spec: { suspend: false } },
        'Resume CronJob checkout/checkout-abandoned-cart-reminder on reserve-ams',
      );
      draft.waitForWorkloads(
        'reserve-ams',
        [{ ...deployment, replicas: 6 }],
        60_000,
        'available at full size',
      );
      const plan: ActionPlan = {
        id: randomUUID(),
        entityRef: checkoutRef,
        action: 'failover',
        options: {},
        primary: 'prod-fra',
        reserve: 'reserve-ams',
        ...draft.outline(),
        createdBy: owner,
        createdAt: (options?.createdAt ?? new Date()).toISOString(),
      };
      await plans.savePlan(plan);
      return plan;
    },
    async stop() {
      await Promise.all(made.map(executor => executor.stop()));
    },
  };
}

/** What {@link useExecutorOnDemoClusters} gives each test. */
export interface ExecutorTestState {
  sim: Simulator;
  /** The operator writes that reached the clusters during this test. */
  writes: WriteCount;
  /** This test's executor world, on a database of its own. */
  world: ExecutorWorld;
}

/**
 * Registers the hooks of an executor test file: the demo clusters once for the file; before
 * each test, the clusters as they started with no fault, no write counted and a database of
 * the test's own. Read the state in the tests, not when the describe block runs.
 */
export function useExecutorOnDemoClusters(): ExecutorTestState {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const state = {} as ExecutorTestState;
  let demoState: ClusterCheckpoint;
  beforeAll(async () => {
    state.sim = await startDemoClusters();
    demoState = new ClusterCheckpoint(state.sim);
    state.writes = countOperatorWrites(state.sim);
  });
  afterAll(() => state.sim?.stop());
  beforeEach(async () => {
    state.sim.clusters.forEach(cluster => cluster.faults.clear());
    demoState.restore();
    state.writes.reset();
    state.world = await executorWorld(
      state.sim,
      await databases.init('SQLITE_3'),
    );
  });
  afterEach(() => state.world?.stop());
  return state;
}
