import { ClusterCheckResult } from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectKind,
  ClusterObjectLists,
  ClusterSideView,
  resourceOfKind,
} from './EntityView';

/** The lists a check asked for, or the unknown result explaining why they are missing. */
export type SideData<K extends ClusterObjectKind> =
  | { lists: Pick<ClusterObjectLists, K> }
  | { unknown: ClusterCheckResult };

/**
 * Why a cluster's data cannot be trusted for the given kinds, or undefined when it can.
 *
 * A cluster that is not `ok` makes every kind untrustworthy, even when an older snapshot
 * still holds lists: a check must not pass on data it cannot vouch for.
 */
export function unavailableReason(
  side: ClusterSideView,
  kinds: readonly ClusterObjectKind[],
): string | undefined {
  const { name } = side.cluster;
  const { state, message, staleSince } = side.status;
  const because = message ? `: ${message}` : '';
  switch (state) {
    case 'ok':
      break;
    case 'unreachable':
      return `${name} unreachable${because}`;
    case 'unauthorized':
      return `${name} unauthorized${because}`;
    case 'stale':
      return `${name} data stale${
        staleSince ? ` since ${staleSince}` : ''
      }${because}`;
    case 'pending':
      return `${name} not collected yet`;
    default:
      return `${name} in state ${String(state)}${because}`;
  }
  for (const kind of kinds) {
    if (side[kind] !== undefined) continue;
    const resource = resourceOfKind[kind];
    const kindStatus = side.status.kinds[resource];
    if (kindStatus?.state === 'forbidden') {
      return `${resource} forbidden on ${name}`;
    }
    if (kindStatus?.state === 'failed') {
      return `${resource} could not be listed on ${name}${
        kindStatus.message ? `: ${kindStatus.message}` : ''
      }`;
    }
    return `${resource} not collected on ${name}`;
  }
  return undefined;
}

/** A cluster's lists for the given kinds, or its unknown result when any is unavailable. */
export function readSide<K extends ClusterObjectKind>(
  side: ClusterSideView,
  kinds: readonly K[],
): SideData<K> {
  const reason = unavailableReason(side, kinds);
  if (reason) {
    return {
      unknown: {
        cluster: side.cluster.name,
        state: 'unknown',
        message: reason,
      },
    };
  }
  return { lists: side as Pick<ClusterObjectLists, K> };
}
