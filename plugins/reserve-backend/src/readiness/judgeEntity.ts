import {
  CheckResult,
  FailoverState,
  ReportSituation,
  Waiver,
  scoreChecks,
  verdictOf,
} from '@kube-reserve/plugin-reserve-common';
import { applyWaivers } from './applyWaivers';
import { EntityView } from '../view/EntityView';
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
 * what only the primary could tell shows as it was last known. The entity's waivers in force
 * apply last, before scoring.
 */
export function judgeEntity(
  view: EntityView,
  failover?: FailoverState,
  waivers: readonly Waiver[] = [],
): EntityJudgement {
  const swapped = failover ? failedOverView(view, failover) : undefined;
  const evaluatedView = swapped ?? view;
  let { checks } = evaluateEntity(evaluatedView);
  if (failover && swapped) {
    checks = judgeFormerPrimary(
      checks,
      swapped.reserves.find(
        side => side.cluster.name === failover.formerPrimary,
      ),
    );
  }
  // The primary judged (the serving cluster, while failed over) does not answer.
  const lastKnown = lastKnownPrimaryView(evaluatedView);
  if (lastKnown) {
    checks = withLastKnownState(
      checks,
      evaluateEntity(lastKnown).checks,
      lastKnown.primary!.status.collectedAt!,
    );
  }
  const situation = failover
    ? failedOverSituation(failover)
    : primaryUnreachableSituation(view.primary);
  return {
    evaluatedView,
    ...scored(applyWaivers(checks, waivers, view.now)),
    ...(situation ? { situation } : {}),
  };
}
