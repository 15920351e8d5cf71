import {
  CheckResult,
  CheckState,
  CheckWaiver,
  ClusterCheckResult,
  Waiver,
  isWaivable,
  waiverInForce,
  worstState,
} from '@kube-reserve/plugin-reserve-common';

// Missing data (unknown) is not a known risk, and a pass or not-applicable needs no waiver
// (the waiver stays, for when it fails): see isWaivable.

const shown = (waiver: Waiver, underlyingState: CheckState): CheckWaiver => ({
  id: waiver.id,
  reason: waiver.reason,
  by: waiver.createdBy,
  expiresAt: waiver.expiresAt,
  ...(waiver.cluster ? { cluster: waiver.cluster } : {}),
  underlyingState,
});

function waiveClusters(
  clusters: ClusterCheckResult[],
  everywhere: Waiver | undefined,
  byCluster: Map<string, Waiver>,
): { clusters: ClusterCheckResult[]; applied: Waiver[] } {
  const applied: Waiver[] = [];
  const waived = clusters.map(result => {
    const waiver = byCluster.get(result.cluster) ?? everywhere;
    if (!waiver || !isWaivable(result.state)) return result;
    applied.push(waiver);
    return {
      ...result,
      state: 'waived' as const,
      waiver: shown(waiver, result.state),
    };
  });
  return { clusters: waived, applied };
}

/**
 * The checks with the entity's waivers in force at `now` applied (DESIGN §5, waivers): a
 * failing or warning result the waiver covers counts as `waived`, and shows its underlying
 * state, who waived it, why and until when. A waiver of one cluster covers that cluster's
 * result; a check combined from its clusters' results is combined again, so that a cluster
 * still failing, or unknown, keeps the check failing or unknown. A check without per-cluster
 * results is waived whole by a waiver of every cluster.
 */
export function applyWaivers(
  checks: CheckResult[],
  waivers: readonly Waiver[],
  now: Date,
): CheckResult[] {
  const inForce = waivers.filter(waiver => waiverInForce(waiver, now));
  if (inForce.length === 0) return checks;
  return checks.map(check => {
    const mine = inForce.filter(waiver => waiver.checkId === check.id);
    if (mine.length === 0 || !isWaivable(check.state)) return check;
    const everywhere = mine.find(waiver => !waiver.cluster);
    const byCluster = new Map(
      mine.flatMap(waiver =>
        waiver.cluster ? [[waiver.cluster, waiver]] : [],
      ),
    );
    const combined =
      check.clusters.length > 0 &&
      worstState(check.clusters.map(c => c.state)) === check.state;
    if (!combined) {
      return everywhere
        ? {
            ...check,
            state: 'waived',
            waiver: shown(everywhere, check.state),
          }
        : check;
    }
    const { clusters, applied } = waiveClusters(
      check.clusters,
      everywhere,
      byCluster,
    );
    if (applied.length === 0) return check;
    const state = worstState(clusters.map(c => c.state));
    // The waiver the check shows: the one of every cluster, else the first to lapse.
    const [first] = [...applied].sort((a, b) =>
      a.expiresAt < b.expiresAt ? -1 : Number(a.expiresAt > b.expiresAt),
    );
    return {
      ...check,
      state,
      clusters,
      ...(state === 'waived'
        ? { waiver: shown(everywhere ?? first, check.state) }
        : {}),
    };
  });
}

/** The earliest expiry among the waivers in force at `now`, in ms; undefined without any. */
export function firstLapseMs(
  waivers: readonly Waiver[],
  now: Date,
): number | undefined {
  const expiries = waivers
    .filter(waiver => waiverInForce(waiver, now))
    .map(waiver => Date.parse(waiver.expiresAt));
  return expiries.length > 0 ? Math.min(...expiries) : undefined;
}
