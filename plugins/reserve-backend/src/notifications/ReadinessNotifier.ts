import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import {
  ConditionChange,
  ConditionLevel,
  ConditionStore,
} from '../database/ConditionStore';
import { ExecutionEvent } from '../actions/ActionExecutor';
import { actionNotice } from './actionNotices';
import { isNews, ObservedCondition, observeConditions } from './conditions';
import { NotificationSettings } from './notificationSettings';
import { Notice, NOTIFICATION_TOPIC, reserveTabPath } from './notices';

const key = (entityRef: string, condition: string) =>
  `${condition}:${entityRef}`;

/**
 * Tells an entity's owners, through Backstage's notifications, when its verdict worsens, its
 * clusters' API certificates near expiry, its restore drill falls overdue or its newest restore
 * point is older than the RPO: once per condition until it clears, whichever instance sees it
 * first. Each notification's scope is the condition and the entity, so a condition raised
 * again replaces the earlier notification in the owners' inbox instead of piling up.
 */
export class ReadinessNotifier {
  // The levels of each entity's conditions as last stored from this instance.
  private readonly observed = new Map<string, string>();
  // The observation under way in the background, if any.
  private running?: Promise<unknown>;

  constructor(
    private readonly options: {
      notifications: NotificationService;
      store: ConditionStore;
      settings: NotificationSettings;
      logger: LoggerService;
    },
  ) {}

  /**
   * Starts {@link observe} unless the last one still runs, and returns at once: the first
   * observation after a start may send many notifications, and the keeper's pass must not wait
   * for them. A pass skipped here is not lost: the next one sees the same conditions.
   */
  observeInBackground(reports: readonly EntityReport[]): void {
    if (this.running) return;
    this.running = this.observe(reports)
      .catch(error =>
        this.options.logger.warn(
          `Could not look at readiness for notifications: ${stringifyError(
            error,
          )}`,
        ),
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for the observation under way, if any (at shutdown, and in tests). */
  async settled(): Promise<void> {
    await this.running;
  }

  /**
   * Looks at the reports' conditions, stores the levels that changed and notifies the owners
   * of the news; returns how many notifications were sent.
   */
  async observe(reports: readonly EntityReport[]): Promise<number> {
    const { store, settings } = this.options;
    if (settings.conditions.size === 0) return 0;
    const levels: ConditionLevel[] = [];
    const known = new Map<string, ObservedCondition>();
    const digests = new Map<string, string>();
    for (const report of reports) {
      const observed = observeConditions(report, settings).filter(
        o => o.level !== undefined,
      );
      const digest = observed.map(o => `${o.condition}=${o.level}`).join(' ');
      if (this.observed.get(report.entityRef) === digest) continue;
      digests.set(report.entityRef, digest);
      for (const o of observed) {
        levels.push({
          entityRef: report.entityRef,
          condition: o.condition,
          level: o.level!,
          at: new Date(report.generatedAt),
        });
        known.set(key(report.entityRef, o.condition), o);
      }
    }
    this.forgetAllBut(reports);
    if (levels.length === 0) return 0;
    const changes = await store.observe(levels);
    digests.forEach((digest, entityRef) =>
      this.observed.set(entityRef, digest),
    );
    let sent = 0;
    for (const change of changes) {
      const observed = known.get(key(change.entityRef, change.condition));
      if (
        observed?.notice &&
        isNews(observed.condition, change.level, change.previous) &&
        (await this.tell(change, observed.notice))
      ) {
        sent++;
      }
    }
    return sent;
  }

  // Sends one condition's notification; when it cannot be sent, the condition goes back to
  // its previous level so that the next observation tries again.
  private async tell(
    change: ConditionChange,
    notice: Notice,
  ): Promise<boolean> {
    try {
      await this.send(
        change.entityRef,
        key(change.entityRef, change.condition),
        notice,
      );
      return true;
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the owners of ${change.entityRef} about ${
          change.condition
        }; trying again at the next pass: ${stringifyError(error)}`,
      );
      await this.options.store.revert(change);
      this.observed.delete(change.entityRef);
      return false;
    }
  }

  /**
   * Tells the owners that an action on their entity started, resumed or ended, when
   * `reserve.notifications.actions` is on. The run's events share one notification (its
   * scope is the execution), which each event updates and marks unread again. Never throws.
   */
  async actionEvent(event: ExecutionEvent): Promise<void> {
    if (!this.options.settings.actions) return;
    try {
      await this.send(
        event.entityRef,
        `execution:${event.executionId}`,
        actionNotice(event),
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the owners of ${event.entityRef} that execution ${
          event.executionId
        } ${event.event}: ${stringifyError(error)}`,
      );
    }
  }

  /** Sends a notification about the entity to its owners, linking to its Reserve tab. */
  private async send(
    entityRef: string,
    scope: string,
    notice: Notice,
  ): Promise<void> {
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef },
      payload: {
        ...notice,
        link: reserveTabPath(entityRef),
        topic: NOTIFICATION_TOPIC,
        scope: `reserve:${scope}`,
      },
    });
  }

  private forgetAllBut(reports: readonly EntityReport[]) {
    const current = new Set(reports.map(report => report.entityRef));
    for (const entityRef of this.observed.keys()) {
      if (!current.has(entityRef)) this.observed.delete(entityRef);
    }
  }
}
