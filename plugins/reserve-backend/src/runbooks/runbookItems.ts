import {
  ActionRunbookItem,
  AutoRunbookItem,
  CheckId,
  EntityReport,
  ManualRunbookItem,
  RunbookActionId,
  RunbookCommand,
  RunbookId,
  RunbookItem,
  RunbookTick,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { ActionAvailability } from '../actions/availability';
import { EntityView } from '../view/EntityView';

/** What every runbook is built from: the live report, the view behind it, the ticks and the time. */
export interface RunbookContext {
  report: EntityReport;
  view: EntityView;
  /** Ticks by `tickKey(runbook, item)`. */
  ticks: ReadonlyMap<string, RunbookTick>;
  now: Date;
  /** Whether each action can be planned for the entity now; absent: actions are not wired. */
  actions?: Partial<Record<ReserveActionId, ActionAvailability>>;
}

/** The key of an item's tick, unique per entity. */
export function tickKey(runbook: RunbookId, item: string): string {
  return `${runbook}/${item}`;
}

/** Why an action item has no button when the actions are not wired in (unit tests, say). */
export const actionsNotWired =
  'Actions are not available in this backend: run the commands shown.';

/** The parts every item has. */
export interface ItemBasics {
  id: string;
  title: string;
  description?: string;
  cluster?: string;
  commands?: RunbookCommand[];
}

function basics(item: ItemBasics): ItemBasics {
  return {
    id: item.id,
    title: item.title,
    ...(item.description ? { description: item.description } : {}),
    ...(item.cluster ? { cluster: item.cluster } : {}),
    ...(item.commands && item.commands.length > 0
      ? { commands: item.commands }
      : {}),
  };
}

/**
 * An item mirroring a check's live result: on one cluster when the item names one, else
 * the check overall. A check the report lacks is unknown, never passing.
 */
export function checkItem(
  context: RunbookContext,
  item: ItemBasics & { checkId: CheckId },
): AutoRunbookItem {
  const check = context.report.checks.find(c => c.id === item.checkId);
  const base = {
    kind: 'auto' as const,
    ...basics(item),
    checkId: item.checkId,
  };
  if (!check) {
    return {
      ...base,
      state: 'unknown',
      message: `${item.checkId} is not evaluated yet`,
    };
  }
  if (!item.cluster) {
    return { ...base, state: check.state, message: check.message };
  }
  const onCluster = check.clusters.find(c => c.cluster === item.cluster);
  return onCluster
    ? { ...base, state: onCluster.state, message: onCluster.message }
    : {
        ...base,
        state: check.state === 'not-applicable' ? 'not-applicable' : 'unknown',
        message:
          check.state === 'not-applicable'
            ? check.message
            : `${item.checkId} has no result for ${item.cluster}`,
      };
}

/** An item whose state Kube Reserve computes itself. */
export function computedItem(
  item: ItemBasics & Pick<AutoRunbookItem, 'state' | 'message'>,
): AutoRunbookItem {
  return {
    kind: 'auto',
    ...basics(item),
    state: item.state,
    message: item.message,
  };
}

/** A manual item with its last tick: done until the tick expires, then expired. */
export function manualItem(
  context: RunbookContext,
  runbook: RunbookId,
  item: ItemBasics,
): ManualRunbookItem {
  const tick = context.ticks.get(tickKey(runbook, item.id));
  if (!tick) return { kind: 'manual', ...basics(item), state: 'open' };
  const expired = Date.parse(tick.expiresAt) <= context.now.getTime();
  return {
    kind: 'manual',
    ...basics(item),
    state: expired ? 'expired' : 'done',
    tick,
  };
}

/**
 * An item that is a button planning and running one of the actions: available when the
 * action can be planned for the entity now, else with the reason.
 */
export function actionItem(
  context: RunbookContext,
  item: ItemBasics & { actionId: RunbookActionId; action: ReserveActionId },
): ActionRunbookItem {
  const availability = context.actions?.[item.action] ?? {
    available: false,
    reason: actionsNotWired,
  };
  return {
    kind: 'action',
    ...basics(item),
    actionId: item.actionId,
    action: item.action,
    available: availability.available,
    ...(availability.available
      ? {}
      : { unavailableReason: availability.reason ?? actionsNotWired }),
  };
}

/**
 * Manual items done, out of the manual items: auto items show their own state, and
 * counting them would call a runbook half done before anyone did anything.
 */
export function progressOf(items: readonly RunbookItem[]): {
  done: number;
  total: number;
} {
  const manual = items.filter(i => i.kind === 'manual');
  return {
    done: manual.filter(i => i.state === 'done').length,
    total: manual.length,
  };
}
