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
import { combineClusterResults, notApplicable, unknownResult } from './outcome';
import { missingPrimaryMessage } from './sides';

/** How a parity check compares the primary's lists with one reserve's. */
export interface ReserveComparison<
  P extends ClusterObjectKind,
  R extends ClusterObjectKind,
> {
  id: CheckId;
  /** Lists read on the primary. */
  primaryKinds: readonly P[];
  /** Lists read on each reserve. */
  reserveKinds: readonly R[];
  compare: (
    primary: Pick<ClusterObjectLists, P>,
    reserve: Pick<ClusterObjectLists, R>,
    reserveSide: ClusterSideView,
  ) => ClusterCheckResult;
  /**
   * Why the check does not apply, decided from the primary's lists alone (nothing there to
   * compare), or undefined when it does: a reserve that cannot be read then leaves the check
   * not-applicable rather than unknown.
   */
  notApplicableWhen?: (
    primary: Pick<ClusterObjectLists, P>,
  ) => string | undefined;
  passMessage?: string;
}

/**
 * Runs a parity comparison against every reserve, with one result per reserve.
 *
 * Mode `none` and an entity without reserves make parity not applicable (topology.reserve-exists
 * reports them); when the primary's data is missing every reserve is unknown, as there is
 * nothing to compare it with.
 */
export function compareWithReserves<
  P extends ClusterObjectKind,
  R extends ClusterObjectKind,
>(view: EntityView, comparison: ReserveComparison<P, R>): CheckResult {
  const { id } = comparison;
  if (view.policy.mode === 'none') {
    return notApplicable(id, 'Mode none: there is no reserve to compare with');
  }
  if (!view.primary) {
    return unknownResult(id, missingPrimaryMessage(view));
  }
  if (view.reserves.length === 0) {
    return notApplicable(
      id,
      'The entity has no reserve cluster to compare with',
    );
  }
  const primaryData = readSide(view.primary, comparison.primaryKinds);
  const nothingToCompare =
    'lists' in primaryData
      ? comparison.notApplicableWhen?.(primaryData.lists)
      : undefined;
  if (nothingToCompare) {
    return notApplicable(id, nothingToCompare);
  }
  const results = view.reserves.map(reserveSide => {
    if ('unknown' in primaryData) {
      return {
        cluster: reserveSide.cluster.name,
        state: 'unknown' as const,
        message: `${reserveSide.cluster.name} cannot be compared: ${primaryData.unknown.message}`,
      };
    }
    const reserveData = readSide(reserveSide, comparison.reserveKinds);
    if ('unknown' in reserveData) {
      return reserveData.unknown;
    }
    return comparison.compare(
      primaryData.lists,
      reserveData.lists,
      reserveSide,
    );
  });
  return combineClusterResults(id, results, comparison.passMessage);
}
