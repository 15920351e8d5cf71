import { randomUUID } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import {
  ClusterPair,
  EntityWaivers,
  Waiver,
  WaiverCreateRequest,
  WaiverLimits,
  formatDuration,
  getCheckDefinition,
  waiverLimitMs,
} from '@kube-reserve/plugin-reserve-common';
import { Config } from '@backstage/config';
import { actorOf } from '../actions/actor';
import { durationOf, readDuration } from '../config/durations';
import { WaiverStore } from '../database/WaiverStore';
import { EntitySource, requestedEntity } from '../readiness/requestedEntity';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `reserve.waivers.maxDuration` and `criticalMaxDuration`: by default 90 days and 14 days
 * (DESIGN §5). An error naming the key at start-up when critical checks would be allowed
 * longer than the others.
 */
export function readWaiverLimits(config: Config): WaiverLimits {
  const maxDurationMs = readDuration(
    config,
    'reserve.waivers.maxDuration',
    durationOf(90 * DAY_MS),
  ).ms;
  const criticalMaxDurationMs = readDuration(
    config,
    'reserve.waivers.criticalMaxDuration',
    durationOf(Math.min(14 * DAY_MS, maxDurationMs)),
  ).ms;
  if (criticalMaxDurationMs > maxDurationMs) {
    throw new Error(
      `Invalid config at 'reserve.waivers.criticalMaxDuration': ${formatDuration(
        criticalMaxDurationMs,
      )} is longer than reserve.waivers.maxDuration (${formatDuration(
        maxDurationMs,
      )}); critical checks are waived for shorter, not longer`,
    );
  }
  return { maxDurationMs, criticalMaxDurationMs };
}

/**
 * Waivers of entities' checks: created with a reason and an expiry within the configured
 * limits, revoked, listed; each create, revoke and lapse is an audit event. Call `create` and
 * `revoke` after authorizing `reserve.waiver.create` on the entity.
 */
export class WaiverService {
  constructor(
    private readonly options: {
      source: EntitySource;
      store: WaiverStore;
      /** The entity's cluster pair, as its policy resolves it. */
      pairOf: (entity: Entity) => ClusterPair | undefined;
      limits: WaiverLimits;
      auditor: AuditorService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** The entity's waivers in force and past; NotFoundError when there is no such entity. */
  async listWaivers(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityWaivers> {
    const { store, limits } = this.options;
    const entity = await requestedEntity(
      this.options.source,
      ref,
      credentials,
      'waivers',
    );
    const entityRef = stringifyEntityRef(entity);
    const now = this.now();
    const [inForce, past] = await Promise.all([
      store.waiversInForce([entityRef], now),
      store.pastWaivers(entityRef, now),
    ]);
    return {
      entityRef,
      inForce: inForce.get(entityRef) ?? [],
      past,
      limits,
    };
  }

  /**
   * Waives a check of the entity. InputError naming the field when the expiry is not in the
   * future or past the limit for the check's severity, or the cluster is not one of the
   * entity's pair; ConflictError when a waiver in force already covers the same check there.
   */
  async createWaiver(
    ref: CompoundEntityRef,
    request: WaiverCreateRequest,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const entity = await requestedEntity(
      this.options.source,
      ref,
      credentials,
      'waivers',
    );
    const entityRef = stringifyEntityRef(entity);
    const actor = actorOf(credentials);
    const event = await this.options.auditor.createEvent({
      eventId: 'waiver-created',
      severityLevel: 'medium',
      meta: {
        actor,
        entityRef,
        checkId: request.checkId,
        cluster: request.cluster,
        reason: request.reason,
        expiresAt: request.expiresAt,
      },
    });
    try {
      const now = this.now();
      this.assertWithinLimits(request, now);
      this.assertInPair(entity, entityRef, request.cluster);
      const waiver: Waiver = {
        id: randomUUID(),
        entityRef,
        checkId: request.checkId,
        ...(request.cluster ? { cluster: request.cluster } : {}),
        reason: request.reason,
        createdBy: actor,
        createdAt: now.toISOString(),
        expiresAt: new Date(request.expiresAt).toISOString(),
      };
      await this.options.store.createWaiver(waiver, now);
      await event.success({ meta: { waiverId: waiver.id } });
      return waiver;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** The entity a waiver belongs to; NotFoundError when there is no such waiver. */
  async entityOfWaiver(id: string): Promise<string> {
    const waiver = await this.options.store.getWaiver(id);
    if (!waiver) throw noWaiver(id);
    return waiver.entityRef;
  }

  /** Revokes a waiver in force; ConflictError when it was revoked or lapsed already. */
  async revokeWaiver(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const { store, auditor } = this.options;
    const actor = actorOf(credentials);
    const existing = await store.getWaiver(id);
    if (!existing) throw noWaiver(id);
    const event = await auditor.createEvent({
      eventId: 'waiver-revoked',
      severityLevel: 'medium',
      meta: {
        actor,
        waiverId: id,
        entityRef: existing.entityRef,
        checkId: existing.checkId,
        cluster: existing.cluster,
      },
    });
    try {
      const revoked = await store.revokeWaiver(id, {
        by: actor,
        at: this.now().toISOString(),
      });
      if (!revoked) {
        throw new ConflictError(
          existing.revoked
            ? `Waiver ${id} was revoked already, at ${existing.revoked.at} by ${existing.revoked.by}`
            : `Waiver ${id} lapsed at ${existing.expiresAt}: it no longer counts`,
        );
      }
      await event.success();
      return revoked;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Writes an audit event for each waiver that lapsed since the last call (once across instances). */
  async auditLapses(): Promise<number> {
    const lapsed = await this.options.store.takeLapsed(this.now());
    for (const waiver of lapsed) {
      const event = await this.options.auditor.createEvent({
        eventId: 'waiver-lapsed',
        severityLevel: 'medium',
        meta: {
          waiverId: waiver.id,
          entityRef: waiver.entityRef,
          checkId: waiver.checkId,
          cluster: waiver.cluster,
          createdBy: waiver.createdBy,
          expiresAt: waiver.expiresAt,
        },
      });
      await event.success();
    }
    return lapsed.length;
  }

  /** Audits lapses every minute, on one instance at a time. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'reserve-waiver-lapses',
      scope: 'global',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      fn: async () => {
        try {
          await this.auditLapses();
        } catch (error) {
          this.options.logger.warn(
            `Could not audit lapsed waivers: ${stringifyError(error)}`,
          );
        }
      },
    });
  }

  private assertWithinLimits(request: WaiverCreateRequest, now: Date) {
    const { limits } = this.options;
    const expiresMs = Date.parse(request.expiresAt);
    if (!(expiresMs > now.getTime())) {
      throw new InputError(
        `expiresAt: ${request.expiresAt} is not in the future`,
      );
    }
    const critical =
      getCheckDefinition(request.checkId).severity === 'critical';
    const limitMs = waiverLimitMs(request.checkId, limits);
    if (expiresMs - now.getTime() > limitMs) {
      throw new InputError(
        `expiresAt: a waiver of ${
          critical ? 'a critical check' : request.checkId
        } may last at most ${formatDuration(limitMs)}, until ${new Date(
          now.getTime() + limitMs,
        ).toISOString()}`,
      );
    }
  }

  private assertInPair(entity: Entity, entityRef: string, cluster?: string) {
    if (!cluster) return;
    const pair = this.options.pairOf(entity);
    const clusters = pair ? [pair.primary, ...pair.reserves] : [];
    if (!clusters.includes(cluster)) {
      throw new InputError(
        `cluster: ${cluster} is not a cluster of ${entityRef} (${
          clusters.length > 0
            ? `its clusters: ${clusters.join(', ')}`
            : 'it has none'
        })`,
      );
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function noWaiver(id: string): NotFoundError {
  return new NotFoundError(`No waiver ${id}`);
}
