import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  ManualRunbookItem,
  PolicyDuration,
  RunbookItemUpdate,
  ReserveActionId,
  RunbooksResponse,
  isRunbookId,
  reserveActionIds,
  runbookIds,
} from '@kube-reserve/plugin-reserve-common';
import { ActionAvailability } from '../actions/availability';
import { RunbookStore } from '../database/RunbookStore';
import { EntityView } from '../view/EntityView';
import { EntityAssessment } from '../readiness/ReadinessService';
import { buildRunbooks } from './buildRunbooks';

/** The longest note a tick may carry. */
export const maxNoteLength = 2000;

/** Where runbooks get an entity's live report and view. */
export interface AssessmentSource {
  getEntityAssessment(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    what?: string,
  ): Promise<EntityAssessment>;
}

/**
 * Runbooks of an entity with live item states, and ticking of their manual items. Call it
 * after authorizing: `reserve.readiness.read` to read, `reserve.runbook.update` to tick.
 */
export class RunbookService {
  constructor(
    private readonly options: {
      readiness: AssessmentSource;
      store: RunbookStore;
      auditor: AuditorService;
      /** How long a tick counts (`reserve.runbooks.tickTtl`). */
      tickTtl: PolicyDuration;
      /** Whether an action can be planned for an entity now (from snapshots, no cluster call). */
      actions?: (
        view: EntityView,
        action: ReserveActionId,
      ) => ActionAvailability;
      now?: () => Date;
    },
  ) {}

  /** The four runbooks of an entity; NotFoundError when the caller cannot see it. */
  async getRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<RunbooksResponse> {
    const { report, view } = await this.options.readiness.getEntityAssessment(
      ref,
      credentials,
      'runbooks',
    );
    const ticks = await this.options.store.listTicks(report.entityRef);
    const { actions } = this.options;
    const availability = actions
      ? Object.fromEntries(
          reserveActionIds.map(action => [action, actions(view, action)]),
        )
      : undefined;
    return {
      entityRef: report.entityRef,
      runbooks: buildRunbooks(report, view, ticks, view.now, availability),
      tickTtl: this.options.tickTtl.text,
      generatedAt: view.now.toISOString(),
    };
  }

  /**
   * Ticks or unticks a manual item as the calling user, and audits it. InputError for an
   * unknown runbook or item, or an item that is not manual; NotAllowedError for a caller
   * that is not a user (a tick says which person confirmed a step).
   */
  async setItem(
    ref: CompoundEntityRef,
    runbook: string,
    item: string,
    update: RunbookItemUpdate,
    credentials: BackstageCredentials,
  ): Promise<ManualRunbookItem> {
    if (!isRunbookId(runbook)) {
      throw new InputError(
        `Unknown runbook '${runbook}'; expected one of ${runbookIds.join(
          ', ',
        )}`,
      );
    }
    if (update.note !== undefined && update.note.length > maxNoteLength) {
      throw new InputError(`note is longer than ${maxNoteLength} characters`);
    }
    const { principal } = credentials as BackstageCredentials<{
      type: string;
      userEntityRef?: string;
    }>;
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw new NotAllowedError('Only a signed-in user can tick runbook items');
    }
    const user = principal.userEntityRef;

    const { runbooks, entityRef } = await this.getRunbooks(ref, credentials);
    const found = runbooks
      .find(r => r.id === runbook)!
      .sections.flatMap(s => s.items)
      .find(i => i.id === item);
    if (!found) {
      throw new InputError(`Unknown item '${item}' in runbook '${runbook}'`);
    }
    if (found.kind !== 'manual') {
      throw new InputError(
        `Item '${item}' of runbook '${runbook}' is ${
          found.kind === 'auto' ? 'automatic' : 'an action'
        }: only manual items can be ticked`,
      );
    }

    const now = this.options.now?.() ?? new Date();
    const tick = {
      by: user,
      at: now.toISOString(),
      ...(update.note ? { note: update.note } : {}),
      expiresAt: new Date(
        now.getTime() + this.options.tickTtl.ms,
      ).toISOString(),
    };
    const event = await this.options.auditor.createEvent({
      eventId: 'runbook-item',
      severityLevel: 'medium',
      meta: {
        actionType: update.ticked ? 'tick' : 'untick',
        entityRef,
        runbook,
        item,
        actor: user,
        ...(update.ticked && update.note ? { note: update.note } : {}),
      },
    });
    try {
      if (update.ticked) {
        await this.options.store.tick({
          entityRef,
          runbook,
          item,
          tickedBy: tick.by,
          tickedAt: tick.at,
          ...(tick.note ? { note: tick.note } : {}),
          expiresAt: tick.expiresAt,
        });
      } else {
        await this.options.store.untick(entityRef, runbook, item);
      }
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success(
      update.ticked ? { meta: { expiresAt: tick.expiresAt } } : {},
    );
    const { tick: _previous, ...rest } = found;
    return update.ticked
      ? { ...rest, state: 'done', tick }
      : { ...rest, state: 'open' };
  }
}
