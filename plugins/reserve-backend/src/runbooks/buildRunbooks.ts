import {
  EntityReport,
  ReserveActionId,
  Runbook,
  RunbookTick,
} from '@kube-reserve/plugin-reserve-common';
import { ActionAvailability } from '../actions/availability';
import { EntityView } from '../view/EntityView';
import { StoredRunbookTick } from '../database/RunbookStore';
import { certificateRunbook } from './certificateRunbook';
import { failoverRunbook } from './failoverRunbook';
import { restoreDrillRunbook } from './restoreDrillRunbook';
import { RunbookContext, tickKey } from './runbookItems';
import { upgradeRunbook } from './upgradeRunbook';
import { isRunbookId } from '@kube-reserve/plugin-reserve-common';

function tickIndex(
  ticks: readonly StoredRunbookTick[],
): Map<string, RunbookTick> {
  const index = new Map<string, RunbookTick>();
  for (const tick of ticks) {
    if (!isRunbookId(tick.runbook)) continue;
    index.set(tickKey(tick.runbook, tick.item), {
      by: tick.tickedBy,
      at: tick.tickedAt,
      ...(tick.note !== undefined ? { note: tick.note } : {}),
      expiresAt: tick.expiresAt,
    });
  }
  return index;
}

/**
 * The four runbooks of an entity from its live report and view, with the stored ticks of
 * manual items. Pure: ticks of items that no longer exist (a node removed, say) are ignored.
 */
export function buildRunbooks(
  report: EntityReport,
  view: EntityView,
  ticks: readonly StoredRunbookTick[],
  now: Date,
  actions?: Partial<Record<ReserveActionId, ActionAvailability>>,
): Runbook[] {
  const context: RunbookContext = {
    report,
    view,
    ticks: tickIndex(ticks),
    now,
    ...(actions ? { actions } : {}),
  };
  return [
    failoverRunbook(context),
    restoreDrillRunbook(context),
    certificateRunbook(context),
    upgradeRunbook(context),
  ];
}
