import {
  CheckId,
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import {
  PlatformThresholds,
  defaultPlatformThresholds,
} from '../../platform/thresholds';
import { combineClusterResults, unknownResult } from '../outcome';
import { missingPrimaryMessage, pairSides } from '../sides';

/** What a cluster-scoped platform check needs besides the cluster: the time and thresholds. */
export interface PlatformContext {
  now: Date;
  thresholds: PlatformThresholds;
}

/** A platform check of one cluster on its own, independent of any entity. */
export type ClusterPlatformEvaluation = (
  side: ClusterSideView,
  context: PlatformContext,
) => ClusterCheckResult;

/** The view's thresholds, or the built-in ones. */
export function platformContextOf(view: EntityView): PlatformContext {
  return {
    now: view.now,
    thresholds: view.thresholds ?? defaultPlatformThresholds,
  };
}

/**
 * The clusters whose platform the entity depends on: the primary and its reserves, or the
 * primary alone for mode `none`, whose configured reserves it will never use.
 */
export function platformSides(view: EntityView): ClusterSideView[] {
  if (view.policy.mode === 'none') {
    return view.primary ? [view.primary] : [];
  }
  return pairSides(view);
}

/**
 * Runs a cluster-scoped evaluation on every cluster the entity depends on (see
 * `platformSides`); unknown overall when the entity has no primary.
 */
export function checkEachCluster(
  view: EntityView,
  id: CheckId,
  evaluate: ClusterPlatformEvaluation,
): CheckResult {
  if (!view.primary) {
    return unknownResult(id, missingPrimaryMessage(view));
  }
  const context = platformContextOf(view);
  return combineClusterResults(
    id,
    platformSides(view).map(side => evaluate(side, context)),
  );
}
