import { randomUUID } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_RESERVE_FAILOVER_TARGETS,
  ActionPlan,
  ActionPlanOptions,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { KindListing } from '../clusters/ClusterSnapshot';
import { PlanStore } from '../database/PlanStore';
import { EntityKinds } from '../view/entityKinds';
import { EntityView } from '../view/EntityView';
import { EntityAssessment } from '../readiness/ReadinessService';
import { selectEntityObjects } from '../view/entitySelection';
import { actorOf } from './actor';
import { ActionSettings } from './actionSettings';
import {
  actionAvailability,
  chooseReserve,
  restorePointsOn,
  scheduleToBackUpFrom,
} from './availability';
import { ClusterRequestError } from './ClusterOperator';
import { OperatorSource } from './OperatorConnections';
import { readSide } from './liveState';
import { parseFailoverTargets } from './planning/failoverTargets';
import { PlanOutline } from './planning/PlanDraft';
import { planBackupNow } from './planning/planBackupNow';
import { planFailback } from './planning/planFailback';
import { planFailover } from './planning/planFailover';
import { drillNamespace, planRestoreDrill } from './planning/planRestoreDrill';

/** Where the planner gets an entity's report and view. */
export interface AssessmentSource {
  getEntityAssessment(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    what?: string,
  ): Promise<EntityAssessment>;
}

/** The collector's last good listings, for a cluster or kind that does not answer now. */
export interface LastListings {
  lastListing(cluster: string, key: string): KindListing | undefined;
}

interface PlanContext {
  planId: string;
  entity: Entity;
  view: EntityView;
  options: ActionPlanOptions;
  now: Date;
}

/**
 * Plans actions: reads the entity's objects live with the operator tokens (for a failover or
 * failback, kind by kind, with the collector's last listings standing in for what does not
 * answer), asks the pure planners for the steps, and stores the plan with its fingerprint.
 * Planning changes nothing on any cluster. Call it after authorizing `reserve.readiness.read`.
 */
export class ActionPlanner {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      readiness: AssessmentSource;
      operators: OperatorSource;
      plans: PlanStore;
      listings: LastListings;
      auditor: AuditorService;
      settings: ActionSettings;
      /** The kinds with workloads (`reserve.entityKinds`); default Component and Resource. */
      kinds?: EntityKinds;
      now?: () => Date;
    },
  ) {}

  /**
   * Plans an action; ConflictError (naming why) when the entity cannot have it now, or when
   * its plan would have no step (nothing to do), in which case nothing is stored.
   */
  async plan(
    ref: CompoundEntityRef,
    action: ReserveActionId,
    options: ActionPlanOptions,
    credentials: BackstageCredentials,
  ): Promise<ActionPlan> {
    const { catalog, readiness, auditor, plans } = this.options;
    (this.options.kinds ?? new EntityKinds()).assertApplies(ref, 'plans');
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(ref)} in the catalog`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    const actor = actorOf(credentials);
    const event = await auditor.createEvent({
      eventId: 'action-plan',
      severityLevel: 'low',
      meta: { actor, entityRef, action, options: { ...options } },
    });
    try {
      const { view } = await readiness.getEntityAssessment(
        ref,
        credentials,
        'plans',
      );
      const reserve = chooseReserve(view, options.reserve);
      const availability = actionAvailability(
        view,
        action,
        this.options.operators,
        options.reserve,
      );
      if (!availability.available) {
        throw new ConflictError(
          `Cannot plan ${action} for ${entityRef}: ${availability.reason}`,
        );
      }
      const context: PlanContext = {
        planId: randomUUID(),
        entity,
        view,
        options,
        now: this.options.now?.() ?? new Date(),
      };
      const outline = await this.outline(action, context);
      if (view.reserves.length > 1 && !options.reserve) {
        outline.warnings.push(
          `The entity has several reserves: this plan is for ${reserve?.cluster.name}; ask for another with { "reserve": "<name>" }.`,
        );
      }
      if (outline.steps.length === 0) {
        // Refused rather than stored: a plan of no steps is nothing anyone can run.
        throw new ConflictError(
          `Nothing to do: a ${action} of ${entityRef} would change nothing on the clusters as they are now${
            action === 'failback' ? ' (nothing is failed over)' : ''
          }${
            outline.warnings.length ? `; ${outline.warnings.join('; ')}` : ''
          }`,
        );
      }
      const plan: ActionPlan = {
        id: context.planId,
        entityRef,
        action,
        options,
        ...(view.primary ? { primary: view.primary.cluster.name } : {}),
        ...(reserve && action !== 'backup-now'
          ? { reserve: reserve.cluster.name }
          : {}),
        ...outline,
        createdBy: actor,
        createdAt: context.now.toISOString(),
      };
      await plans.savePlan(plan, {
        keep: this.options.settings.maxPlansPerEntity,
        expiredBefore: new Date(
          context.now.getTime() - this.options.settings.planTtlMs,
        ),
      });
      await event.success({
        meta: {
          planId: plan.id,
          steps: plan.steps.length,
          skipped: plan.skipped.map(({ title, cluster, reason }) => ({
            title,
            cluster,
            reason,
          })),
          warnings: plan.warnings,
        },
      });
      return plan;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  private outline(
    action: ReserveActionId,
    context: PlanContext,
  ): Promise<PlanOutline> {
    switch (action) {
      case 'failover':
      case 'failback':
        return this.outlineFailover(action, context);
      case 'backup-now':
        return this.outlineBackupNow(context);
      default:
        return this.outlineRestoreDrill(context);
    }
  }

  private async outlineFailover(
    action: 'failover' | 'failback',
    context: PlanContext,
  ): Promise<PlanOutline> {
    const { view, entity, options, now } = context;
    const { operators, settings, plans, listings } = this.options;
    const read = (cluster: string) =>
      readSide({
        cluster,
        operator: () => operators.operator(cluster),
        selection: selectEntityObjects(entity),
        namespaces: view.namespaces,
        externalServices: view.policy.externalServices,
        lastListing: key => listings.lastListing(cluster, key),
        now,
      });
    const [primary, reserve] = await Promise.all([
      read(view.primary!.cluster.name),
      read(chooseReserve(view, options.reserve)!.cluster.name),
    ]);
    if (action === 'failover') {
      const targets = parseFailoverTargets(
        entity.metadata.annotations?.[ANNOTATION_RESERVE_FAILOVER_TARGETS] ??
          '',
      );
      const outline = planFailover({
        policy: view.policy,
        namespaces: view.namespaces,
        primary,
        reserve,
        targets: 'value' in targets ? targets.value : new Map(),
        scaleDownPrimary: options.scaleDownPrimary === true,
        waitTimeoutMs: settings.waitTimeoutMs,
      });
      if ('problem' in targets) {
        outline.warnings.unshift(
          `${ANNOTATION_RESERVE_FAILOVER_TARGETS} is malformed (${targets.problem}): no external service is repointed.`,
        );
      }
      return outline;
    }
    return planFailback({
      policy: view.policy,
      namespaces: view.namespaces,
      primary,
      reserve,
      previousFailover: await plans.lastSucceededPlan(
        view.entityRef,
        'failover',
        reserve.cluster,
      ),
      waitTimeoutMs: settings.waitTimeoutMs,
    });
  }

  private async outlineBackupNow(context: PlanContext): Promise<PlanOutline> {
    const { view, now } = context;
    const primary = view.primary!.cluster.name;
    const chosen = scheduleToBackUpFrom(view)!;
    const operator = await this.options.operators.operator(primary);
    const schedule = await operator
      .read({
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        namespace: chosen.schedule.metadata?.namespace,
        name: chosen.name,
      })
      .catch(unavailable);
    if (!schedule) {
      throw new ConflictError(
        `Schedule ${chosen.name} is gone from ${primary}: plan again once the collector sees the change`,
      );
    }
    return planBackupNow({
      primary,
      schedule,
      now,
      waitTimeoutMs: this.options.settings.waitTimeoutMs,
    });
  }

  private async outlineRestoreDrill(
    context: PlanContext,
  ): Promise<PlanOutline> {
    const { view, entity, options, now, planId } = context;
    const { operators, settings } = this.options;
    const reserveView = chooseReserve(view, options.reserve)!;
    const reserve = reserveView.cluster.name;
    const operator = await operators.operator(reserve);
    const backups = await operator
      .list('velero.io/v1', 'Backup', settings.veleroNamespace)
      .catch(unavailable);
    const [newest] = restorePointsOn(
      { ...view },
      { ...reserveView, veleroBackups: backups },
    );
    if (!newest) {
      throw new ConflictError(
        `Cannot plan restore-drill for ${view.entityRef}: no Completed backup of it is visible on ${reserve}`,
      );
    }
    const leftovers: string[] = [];
    for (const namespace of view.namespaces.map(drillNamespace)) {
      const found = await operator
        .read({ apiVersion: 'v1', kind: 'Namespace', name: namespace })
        .catch(unavailable);
      if (found) leftovers.push(namespace);
    }
    return planRestoreDrill({
      planId,
      entityRef: view.entityRef,
      entityName: entity.metadata.name,
      reserve,
      namespaces: view.namespaces,
      backup: backups.find(b => b.metadata?.name === newest.name)!,
      leftoverNamespaces: leftovers,
      veleroNamespace: settings.veleroNamespace,
      rpo: view.policy.rpo,
      now,
      waitTimeoutMs: settings.waitTimeoutMs,
    });
  }
}

// A cluster that cannot be read makes a plan impossible, not the request malformed.
function unavailable(error: unknown): never {
  if (error instanceof ClusterRequestError) {
    throw new ServiceUnavailableError(`Cannot plan: ${error.message}`);
  }
  throw error;
}
