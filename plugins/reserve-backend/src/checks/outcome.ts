import {
  CheckId,
  CheckResult,
  CheckState,
  ClusterCheckResult,
  worstState,
} from '@kube-reserve/plugin-reserve-common';

/** Something a check found wrong (or unknowable) about one object. */
export interface Finding {
  state: Exclude<CheckState, 'pass' | 'not-applicable' | 'waived'>;
  text: string;
}

// Enough to say what is wrong in a table cell; the evidence carries the full list.
const findingsInMessage = 3;

function joinWorst<T extends { state: CheckState }>(
  items: readonly T[],
  textOf: (item: T) => string,
): string {
  const worst = worstState(items.map(i => i.state));
  const texts = items.filter(i => i.state === worst).map(textOf);
  const shown = texts.slice(0, findingsInMessage).join('; ');
  const more = texts.length - findingsInMessage;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

/**
 * One cluster's result from its findings: the worst finding's state, or `clean` when
 * nothing was found.
 */
export function clusterResult(
  cluster: string,
  findings: readonly Finding[],
  clean: { state?: 'pass' | 'not-applicable'; message: string },
): ClusterCheckResult {
  if (findings.length === 0) {
    return { cluster, state: clean.state ?? 'pass', message: clean.message };
  }
  return {
    cluster,
    state: worstState(findings.map(f => f.state)),
    message: joinWorst(findings, f => f.text),
    ...(findings.length > 1 ? { evidence: findings.map(f => f.text) } : {}),
  };
}

/**
 * A check's result from its per-cluster results: the worst cluster state (so missing data
 * on any cluster keeps it from passing), summed up by the messages of the worst clusters.
 */
export function combineClusterResults(
  id: CheckId,
  clusters: ClusterCheckResult[],
  passMessage?: string,
): CheckResult {
  const state = worstState(clusters.map(c => c.state));
  const message =
    state === 'pass' && passMessage
      ? passMessage
      : joinWorst(clusters, c => c.message);
  return { id, state, message, clusters };
}

/** A result that applies to no cluster, e.g. parity checks of an entity with mode `none`. */
export function notApplicable(id: CheckId, message: string): CheckResult {
  return { id, state: 'not-applicable', message, clusters: [] };
}

/** A result that cannot be told for any cluster, e.g. when the entity has no primary. */
export function unknownResult(id: CheckId, message: string): CheckResult {
  return { id, state: 'unknown', message, clusters: [] };
}
