import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { combineClusterResults } from '../checks/outcome';
import { EntityView } from '../view/EntityView';

/**
 * The view as the primary's last good collection left it, when the primary does not answer
 * now and answered before; undefined otherwise. Judged on its own it would pass on stale
 * data: it only says what the primary last showed (see {@link withLastKnownState}).
 */
export function lastKnownPrimaryView(view: EntityView): EntityView | undefined {
  const primary = view.primary;
  if (
    !primary ||
    primary.status.state === 'ok' ||
    !primary.status.collectedAt
  ) {
    return undefined;
  }
  const { message: _why, ...status } = primary.status;
  return {
    ...view,
    primary: { ...primary, status: { ...status, state: 'ok' } },
  };
}

/**
 * What only the primary could tell (its Schedules, its workloads) while it does not answer:
 * each result left unknown for want of its data says what its last known data showed and
 * when it was collected, e.g. `prod-fra unreachable: …; last known 2026-12-06T14:01:10.000Z:
 * Schedule hourly (0 * * * *) on prod-fra covers the entity, …`. The states stay as they
 * are: stale data never passes a check.
 */
export function withLastKnownState(
  checks: CheckResult[],
  lastKnown: CheckResult[],
  collectedAt: string,
): CheckResult[] {
  return checks.map(check => {
    const known = lastKnown.find(c => c.id === check.id);
    if (!known) return check;
    let changed = false;
    const clusters = check.clusters.map(result => {
      const then = known.clusters.find(c => c.cluster === result.cluster);
      if (result.state !== 'unknown' || !then || then.state === 'unknown') {
        return result;
      }
      changed = true;
      return {
        ...result,
        message: `${result.message}; last known ${collectedAt}: ${then.message}`,
      };
    });
    if (!changed) return check;
    // The summary repeats the unknown clusters' messages only when they are the worst.
    const message =
      check.state === 'unknown'
        ? combineClusterResults(check.id, clusters).message
        : check.message;
    return { ...check, message, clusters };
  });
}
