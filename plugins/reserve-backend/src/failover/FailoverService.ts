import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionPlan,
  ClusterPair,
  FailoverRecordRequest,
  FailoverState,
} from '@kube-reserve/plugin-reserve-common';
import { actorOf } from '../actions/actor';
import { FailoverStore, StoredFailover } from '../database/FailoverStore';

/**
 * Where an entity serves from: remembers a failover when Kube Reserve's failover execution
 * succeeds and forgets it when a failback does, and records either by hand for what was done
 * outside Kube Reserve (audited). Call the by-hand methods after authorizing
 * `reserve.action.execute` on the entity.
 */
export class FailoverService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      store: FailoverStore;
      /** The entity's cluster pair, as its policy resolves it. */
      pairOf: (entity: Entity) => ClusterPair | undefined;
      auditor: AuditorService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /**
   * Records a failover done outside Kube Reserve. InputError when the serving cluster is not
   * a reserve of the entity's pair, ConflictError when the entity is already failed over.
   */
  async recordByHand(
    ref: CompoundEntityRef,
    request: FailoverRecordRequest,
    credentials: BackstageCredentials,
  ): Promise<FailoverState> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'failover-recorded',
      severityLevel: 'high',
      meta: {
        actor,
        entityRef,
        servingCluster: request.servingCluster,
        note: request.note,
      },
    });
    try {
      const pair = this.options.pairOf(entity);
      if (!pair || !pair.reserves.includes(request.servingCluster)) {
        throw new InputError(
          `servingCluster: ${
            request.servingCluster
          } is not a reserve of ${entityRef} (${
            pair?.reserves.length
              ? `its reserves: ${pair.reserves.join(', ')}`
              : 'it has no reserve'
          })`,
        );
      }
      const failover: FailoverState = {
        servingCluster: request.servingCluster,
        formerPrimary: pair.primary,
        since: this.now().toISOString(),
        by: actor,
        note: request.note,
        pendingOnFormerPrimary: [],
      };
      await this.options.store.recordFailover(entityRef, failover);
      await event.success({ meta: { formerPrimary: pair.primary } });
      return failover;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Records a failback done outside Kube Reserve; ConflictError when the entity is not failed over. */
  async endByHand(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<StoredFailover> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'failback-recorded',
      severityLevel: 'high',
      meta: { actor, entityRef },
    });
    try {
      const ended = await this.options.store.endFailover(entityRef, {
        at: this.now().toISOString(),
        by: actor,
      });
      if (!ended) {
        throw new ConflictError(
          `${entityRef} is not failed over: there is nothing to fail back`,
        );
      }
      await event.success({
        meta: {
          servingCluster: ended.servingCluster,
          formerPrimary: ended.formerPrimary,
          failedOverSince: ended.since,
        },
      });
      return ended;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * Called when an execution succeeded: a failover starts the failed-over state, with the
   * steps its plan skipped as what is left to do on the former primary; a failback ends it.
   * Never throws: the execution already succeeded, and its audit event says so.
   */
  async executionSucceeded(
    plan: ActionPlan,
    executionId: string,
    actor: string,
  ): Promise<void> {
    const { store, logger } = this.options;
    const at = this.now().toISOString();
    try {
      if (plan.action === 'failover' && plan.primary && plan.reserve) {
        const current = await store.getFailover(plan.entityRef);
        if (current) {
          // A second failover, planned before the first one finished: the first one stands.
          logger.info(
            `${plan.entityRef} is already failed over to ${current.servingCluster} since ${current.since}; execution ${executionId} changes nothing of that`,
          );
          return;
        }
        await store.recordFailover(plan.entityRef, {
          servingCluster: plan.reserve,
          formerPrimary: plan.primary,
          since: at,
          by: actor,
          executionId,
          pendingOnFormerPrimary: plan.skipped,
        });
      } else if (plan.action === 'failback') {
        await store.endFailover(plan.entityRef, { at, by: actor, executionId });
      }
    } catch (error) {
      logger.error(
        `Could not record the ${plan.action} of ${plan.entityRef} by execution ${executionId}`,
        error as Error,
      );
    }
  }

  private async entity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(ref)} in the catalog`,
      );
    }
    return entity;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
