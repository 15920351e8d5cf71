import {
  CheckResult,
  FailoverState,
  ReportSituation,
  scoreChecks,
  verdictOf,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from './EntityView';
import { EntityEvaluation, evaluateEntity } from './evaluate';
import { failedOverView } from './failedOverView';
import { judgeFormerPrimary } from './formerPrimary';
import { lastKnownPrimaryView, withLastKnownState } from './lastKnownState';
import { failedOverSituation, primaryUnreachableSituation } from './situation';

/** An entity's evaluation with the view it judged and what the report should say first. */
export interface EntityJudgement extends EntityEvaluation {
  /** The view the checks judged: the configured roles, swapped while failed over. */
  evaluatedView: EntityView;
  situation?: ReportSituation;
}

function scored(checks: CheckResult[]): EntityEvaluation {
  return { checks, score: scoreChecks(checks), verdict: verdictOf(checks) };
}

/**
 * Judges an entity in its situation (DESIGN §6, "The day of the fire"). Failed over, it is
 * judged with roles swapped, asking "is it healthy where it serves, and could it fail
 * back?": its former primary not answering is expected. With a primary that does not answer,
 * what only the primary could tell shows as it was last known.
 */
export function judgeEntity(
  view: EntityView,
  failover?: FailoverState,
): EntityJudgement {
  const swapped = failover ? failedOverView(view, failover) : undefined;
  if (failover && swapped) {
    const formerPrimary = swapped.reserves.find(
      side => side.cluster.name === failover.formerPrimary,
    );
    return {
      evaluatedView: swapped,
      ...scored(
        judgeFormerPrimary(evaluateEntity(swapped).checks, formerPrimary),
      ),
      situation: failedOverSituation(failover),
    };
  }
  const { checks } = evaluateEntity(view);
  const lastKnown = lastKnownPrimaryView(view);
  const situation = failover
    ? failedOverSituation(failover)
    : primaryUnreachableSituation(view.primary);
  return {
    evaluatedView: view,
    ...scored(
      lastKnown
        ? withLastKnownState(
            checks,
            evaluateEntity(lastKnown).checks,
            lastKnown.primary!.status.collectedAt!,
          )
        : checks,
    ),
    ...(situation ? { situation } : {}),
  };
}
