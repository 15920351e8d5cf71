import {
  CheckId,
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectKind,
  ClusterObjectLists,
  ClusterSideView,
  EntityView,
} from '../view/EntityView';
import { readSide } from '../view/clusterData';
import { combineClusterResults, unknownResult } from './outcome';

/** Why an entity has no primary side: no pair at all, or a pair naming an unknown cluster. */
export function missingPrimaryMessage(view: EntityView): string {
  const primary = view.policy.clusters?.primary;
  return primary
    ? `primary cluster ${primary} is not configured under reserve.clusters`
    : 'no cluster pair is configured for this entity';
}

/** The primary and every reserve of the entity's pair. */
export function pairSides(view: EntityView): ClusterSideView[] {
  return view.primary ? [view.primary, ...view.reserves] : [...view.reserves];
}

/** The clusters that serve traffic: the primary, and the reserves too when the mode is hot. */
export function servingSides(view: EntityView): ClusterSideView[] {
  if (!view.primary) return [];
  return view.policy.mode === 'hot'
    ? [view.primary, ...view.reserves]
    : [view.primary];
}

/**
 * Runs a per-cluster evaluation on each given side, answering unknown for a side whose
 * lists are unavailable, and unknown overall when the entity has no primary.
 */
export function evaluateSides<K extends ClusterObjectKind>(
  view: EntityView,
  options: {
    id: CheckId;
    sides: ClusterSideView[];
    kinds: readonly K[];
    evaluate: (
      lists: Pick<ClusterObjectLists, K>,
      side: ClusterSideView,
    ) => ClusterCheckResult;
    passMessage?: string;
  },
): CheckResult {
  if (!view.primary) {
    return unknownResult(options.id, missingPrimaryMessage(view));
  }
  const results = options.sides.map(side => {
    const data = readSide(side, options.kinds);
    return 'unknown' in data
      ? data.unknown
      : options.evaluate(data.lists, side);
  });
  return combineClusterResults(options.id, results, options.passMessage);
}
