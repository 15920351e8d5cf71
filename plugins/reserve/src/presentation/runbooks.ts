import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ActionRunbookItem,
  ReserveActionId,
  Runbook,
  RunbookActionId,
  RunbookTick,
} from '@kube-reserve/plugin-reserve-common';
import { describeError } from './errors';
import { formatAgo } from './age';

/** How each action's button reads. */
export const actionLabels: Readonly<Record<RunbookActionId, string>> = {
  failover: 'Fail over',
  failback: 'Fail back',
  'scale-reserve': 'Scale the reserve',
  'repoint-external-services': 'Repoint external services',
  'switch-cronjobs': 'Switch CronJobs',
  'backup-now': 'Back up now',
  'restore-drill': 'Run a restore drill',
  'cleanup-drill': 'Clean up the drill',
};

const NOT_AVAILABLE = /^not available yet/i;

/** Why an action item has no working button, always starting with "Not available yet". */
export function describeUnavailable(reason?: string): string {
  if (!reason) {
    return 'Not available yet: this button arrives with the failover actions.';
  }
  return NOT_AVAILABLE.test(reason) ? reason : `Not available yet: ${reason}`;
}

/**
 * The runbook item whose button plans and runs an action, to learn whether the backend can run
 * it for the entity now and, if not, why.
 */
export function findActionItem(
  runbooks: readonly Runbook[],
  action: ReserveActionId,
): ActionRunbookItem | undefined {
  for (const runbook of runbooks) {
    for (const section of runbook.sections) {
      for (const item of section.items) {
        if (
          item.kind === 'action' &&
          (item.actionId === action || item.action === action)
        ) {
          return item;
        }
      }
    }
  }
  return undefined;
}

/** Who ticked an item and when, e.g. `Ticked by alice 2 d ago`. */
export function describeTick(
  tick: RunbookTick,
  now: Date = new Date(),
): string {
  return `Ticked by ${parseEntityRef(tick.by).name} ${formatAgo(tick.at, now)}`;
}

/** When a tick stops counting, e.g. `expires in 28 d` or `expired 10 d ago`. */
export function describeTickExpiry(
  tick: RunbookTick,
  now: Date = new Date(),
): string {
  const date = tick.expiresAt.slice(0, 10);
  return new Date(tick.expiresAt).getTime() <= now.getTime()
    ? `expired ${formatAgo(tick.expiresAt, now)} (${date})`
    : `expires ${formatAgo(tick.expiresAt, now)} (${date})`;
}

/** What went wrong with a tick; a 403 says plainly that the user may not tick. */
export function describeTickError(error: Error): string {
  if (
    (error instanceof ResponseError || error.name === 'ResponseError') &&
    (error as ResponseError).statusCode === 403
  ) {
    return `You may not tick this item: ${
      (error as ResponseError).cause.message
    }`;
  }
  return `Could not save the tick: ${describeError(error)}`;
}
