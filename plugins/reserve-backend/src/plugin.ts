import { randomUUID } from 'node:crypto';
import { Config } from '@backstage/config';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { reservePermissions } from '@kube-reserve/plugin-reserve-common';
import { ActionExecutor } from './actions/ActionExecutor';
import { ActionPlanner } from './actions/ActionPlanner';
import { readActionSettings } from './actions/actionSettings';
import { actionAvailability } from './actions/availability';
import { OperatorConnections } from './actions/OperatorConnections';
import { registerPlanAction } from './actionsRegistry/planAction';
import { registerReadinessAction } from './actionsRegistry/readinessAction';
import { AuthorizedActionExecutor } from './authorization/AuthorizedActionExecutor';
import { AuthorizedActionPlanner } from './authorization/AuthorizedActionPlanner';
import { AuthorizedFailoverService } from './authorization/AuthorizedFailoverService';
import { AuthorizedOwnershipService } from './authorization/AuthorizedOwnershipService';
import { AuthorizedReadinessService } from './authorization/AuthorizedReadinessService';
import { AuthorizedRunbookService } from './authorization/AuthorizedRunbookService';
import { AuthorizedWaiverService } from './authorization/AuthorizedWaiverService';
import { EntityAuthorizer } from './authorization/EntityAuthorizer';
import { AuthorizedReadinessHistory } from './authorization/AuthorizedReadinessHistory';
import { CatalogMirror } from './catalog/CatalogMirror';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { durationOf, readDuration } from './config/durations';
import { ClusterSnapshots } from './clusters/ClusterSnapshots';
import { DatabaseClusterFactsStore } from './database/DatabaseClusterFactsStore';
import { DatabaseConditionStore } from './database/DatabaseConditionStore';
import { DatabaseDrillStore } from './database/DatabaseDrillStore';
import { DatabaseExecutionStore } from './database/DatabaseExecutionStore';
import { DatabaseFailoverStore } from './database/DatabaseFailoverStore';
import { DatabaseHistoryStore } from './database/DatabaseHistoryStore';
import { DatabasePlanStore } from './database/DatabasePlanStore';
import { DatabaseRunbookStore } from './database/DatabaseRunbookStore';
import { DatabaseWaiverStore } from './database/DatabaseWaiverStore';
import { RecordChanges } from './database/RecordChanges';
import { FailoverService } from './failover/FailoverService';
import { ReadinessHistory } from './history/ReadinessHistory';
import { ReadinessKeeper } from './history/ReadinessKeeper';
import { readNotificationSettings } from './notifications/notificationSettings';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { OwnershipService } from './ownership/OwnershipService';
import { ClusterOverview } from './overview/ClusterOverview';
import { platformThresholds } from './platform/thresholds';
import { parsePolicyDefaults, readEntityPolicy } from './readiness/policy';
import { EntityKinds } from './view/entityKinds';
import { ReadinessService } from './readiness/ReadinessService';
import { createRouter } from './router';
import { RunbookService } from './runbooks/RunbookService';
import { readTickTtl } from './runbooks/tickTtl';
import { DrillHistory } from './drills/DrillHistory';
import { WaiverService, readWaiverLimits } from './waivers/WaiverService';

/**
 * Whether backend instances share the clusters' collection (`reserve.refresh.shared`): by
 * default on PostgreSQL, where several instances can share a database; not on SQLite.
 */
function readSharing(config: Config): boolean {
  return (
    config.getOptionalBoolean('reserve.refresh.shared') ??
    config.getOptionalString('backend.database.client') === 'pg'
  );
}

/** Kube Reserve's backend plugin: reserve readiness of catalog entities, mounted at /api/reserve. */
export const reservePlugin = createBackendPlugin({
  pluginId: 'reserve',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, catalog, scheduler } = deps;
        const registry = ClusterRegistry.fromConfig(config);
        const defaults = parsePolicyDefaults(
          config.getOptional('reserve.defaults') ?? {},
        );
        // Drills and failovers this instance writes: reports kept from before are not served.
        const records = new RecordChanges();
        const drills = await DatabaseDrillStore.create({
          database: deps.database,
          changes: records,
        });
        const runbookStore = await DatabaseRunbookStore.create({
          database: deps.database,
        });
        const plans = await DatabasePlanStore.create({
          database: deps.database,
        });
        const executionStore = await DatabaseExecutionStore.create({
          database: deps.database,
        });
        const failoverStore = await DatabaseFailoverStore.create({
          database: deps.database,
          changes: records,
        });
        const historyStore = await DatabaseHistoryStore.create({
          database: deps.database,
        });
        const waiverStore = await DatabaseWaiverStore.create({
          database: deps.database,
          changes: records,
        });
        const waiverLimits = readWaiverLimits(config);
        const notifier = new ReadinessNotifier({
          notifications: deps.notifications,
          store: await DatabaseConditionStore.create({
            database: deps.database,
          }),
          settings: readNotificationSettings(config),
          logger: logger.child({ task: 'reserve-notifications' }),
        });
        deps.lifecycle.addShutdownHook(() => notifier.settled());
        const kinds = EntityKinds.fromConfig(config);
        const mirror = new CatalogMirror({
          catalog,
          auth: deps.auth,
          logger,
          kinds: kinds.names,
          frequencyMs: readDuration(
            config,
            'reserve.refresh.catalog',
            durationOf(10_000),
          ).ms,
        });
        const operators = OperatorConnections.fromConfig(config, registry);
        const actionSettings = readActionSettings(
          config,
          registry.veleroNamespace,
        );

        const factsStore = readSharing(config)
          ? await DatabaseClusterFactsStore.create({ database: deps.database })
          : undefined;
        const snapshots = ClusterSnapshots.create({
          registry,
          logger,
          sharing: factsStore && {
            store: factsStore,
            instanceId: randomUUID(),
            heartbeatMs: readDuration(
              config,
              'reserve.refresh.heartbeat',
              durationOf(10_000),
            ).ms,
            secretDigestKey: await factsStore.secretDigestKey(),
          },
        });
        deps.lifecycle.addShutdownHook(() => snapshots.stop());
        const clusters = new ClusterOverview({
          snapshots,
          thresholds: platformThresholds(defaults.certWarning),
        });
        const readiness = new ReadinessService({
          catalog,
          mirror,
          snapshots,
          clusters,
          drills,
          failovers: failoverStore,
          records,
          waivers: waiverStore,
          defaults,
          kinds,
          // At most a refresh period (what a cluster change may take to show anyway) and
          // 30 s: what time alone changes (lease renewals, backup ages) shows within that.
          assessmentMaxAgeMs: Math.min(registry.refresh.frequencyMs, 30_000),
        });
        const ownership = new OwnershipService({
          catalog,
          mirror,
          readiness,
          clusters,
          history: historyStore,
          waivers: waiverStore,
        });
        const runbooks = new RunbookService({
          readiness,
          store: runbookStore,
          auditor: deps.auditor,
          tickTtl: readTickTtl(config),
          actions: (view, action) =>
            actionAvailability(view, action, operators),
        });
        const planner = new ActionPlanner({
          catalog,
          readiness,
          operators,
          plans,
          listings: snapshots,
          auditor: deps.auditor,
          settings: actionSettings,
          kinds,
        });
        const failovers = new FailoverService({
          catalog,
          store: failoverStore,
          pairOf: entity =>
            readEntityPolicy(entity, defaults, registry.pairs).clusters,
          auditor: deps.auditor,
          logger,
        });
        const waivers = new WaiverService({
          source: { catalog, mirror, kinds },
          store: waiverStore,
          pairOf: entity =>
            readEntityPolicy(entity, defaults, registry.pairs).clusters,
          limits: waiverLimits,
          auditor: deps.auditor,
          logger,
        });
        const executor = new ActionExecutor({
          plans,
          executions: executionStore,
          operators,
          drills,
          auditor: deps.auditor,
          logger: logger.child({ task: 'reserve-actions' }),
          settings: actionSettings,
          kinds,
          onRunEvent: event => void notifier.actionEvent(event),
          onSucceeded: async (plan, executionId, actor) => {
            await failovers.executionSucceeded(plan, executionId, actor);
            // The clusters the run changed, listed again before it reads as succeeded.
            await snapshots.collectNow(
              plan.steps.flatMap(step => (step.cluster ? [step.cluster] : [])),
            );
          },
        });
        // Executions whose instance is gone (crashed, or stalled three heartbeats) become
        // interrupted, now and every heartbeat; other live instances' runs are left alone.
        await executor.interruptAbandoned(scheduler);
        deps.lifecycle.addShutdownHook(() => executor.stop());

        // Every way in (the router and the actions registry) goes through these.
        const authorizer = new EntityAuthorizer({
          permissions: deps.permissions,
          auditor: deps.auditor,
        });
        const authorized = {
          readiness: new AuthorizedReadinessService(readiness, authorizer),
          history: new AuthorizedReadinessHistory(
            new ReadinessHistory({
              catalog,
              mirror,
              store: historyStore,
              kinds,
            }),
            authorizer,
          ),
          ownership: new AuthorizedOwnershipService(ownership, authorizer),
          runbooks: new AuthorizedRunbookService(runbooks, authorizer),
          planner: new AuthorizedActionPlanner(planner, authorizer),
          executor: new AuthorizedActionExecutor(executor, authorizer),
          failovers: new AuthorizedFailoverService(failovers, authorizer),
          waivers: new AuthorizedWaiverService(waivers, authorizer),
        };
        deps.permissionsRegistry.addPermissions(reservePermissions);
        registerReadinessAction(deps.actionsRegistry, authorized.readiness);
        registerPlanAction(deps.actionsRegistry, authorized.planner);
        await snapshots.schedule(scheduler);
        await mirror.schedule(scheduler);
        await waivers.schedule(scheduler);
        await new ReadinessKeeper({
          readiness,
          mirror,
          kinds,
          store: historyStore,
          logger,
          frequencyMs: readDuration(
            config,
            'reserve.refresh.reports',
            durationOf(5_000),
          ).ms,
          retentionMs: readDuration(
            config,
            'reserve.history.retention',
            durationOf(90 * 24 * 60 * 60 * 1000),
          ).ms,
          onJudged: reports => notifier.observeInBackground(reports),
        }).schedule(scheduler);
        await new DrillHistory({
          auth: deps.auth,
          catalog,
          readiness,
          snapshots,
          reserves: registry
            .list()
            .filter(cluster => cluster.facts.role === 'reserve')
            .map(cluster => cluster.facts.name),
          store: drills,
          logger,
        }).schedule(scheduler, registry.refresh.frequencyMs);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            clusters,
            pairs: registry.pairs,
            ...authorized,
          }),
        );
        logger.info(
          `Collecting ${registry.list().length} clusters every ${
            registry.refresh.frequencyMs
          } ms`,
        );
      },
    });
  },
});
