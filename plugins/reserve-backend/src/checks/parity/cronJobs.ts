import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { Finding, clusterResult, notApplicable } from '../outcome';
import { evaluateSides, pairSides } from '../sides';

const id = 'parity.cronjobs';

/**
 * parity.cronjobs: with `primary-only`, reserve CronJobs are suspended and the primary's are
 * not; with `everywhere`, CronJobs are active on both sides.
 */
export function checkCronJobs(view: EntityView): CheckResult {
  const { mode, cronJobs: policy } = view.policy;
  if (mode === 'none') {
    return notApplicable(id, 'Mode none: CronJobs run on the primary only');
  }
  if (view.primary && view.reserves.length === 0) {
    return notApplicable(id, 'The entity has no reserve cluster');
  }
  const primaryName = view.primary?.cluster.name;
  return evaluateSides(view, {
    id,
    sides: pairSides(view),
    kinds: ['cronJobs'],
    evaluate: ({ cronJobs }, side): ClusterCheckResult => {
      const cluster = side.cluster.name;
      const isPrimary = cluster === primaryName;
      const shouldRun = isPrimary || policy === 'everywhere';
      const findings: Finding[] = cronJobs.flatMap((cronJob): Finding[] => {
        const ref = `CronJob ${cronJob.metadata?.namespace}/${cronJob.metadata?.name}`;
        const suspended = cronJob.spec?.suspend === true;
        if (shouldRun && suspended) {
          const consequence =
            isPrimary && policy === 'primary-only'
              ? 'it runs nowhere'
              : 'although kube-reserve.io/cronjobs is everywhere';
          return [
            {
              state: 'fail',
              text: `${ref} is suspended on ${cluster}: ${consequence}`,
            },
          ];
        }
        if (!shouldRun && !suspended) {
          return [
            {
              state: 'fail',
              text: `${ref} is active on ${cluster}: every job would run twice`,
            },
          ];
        }
        return [];
      });
      return clusterResult(cluster, findings, {
        state: cronJobs.length === 0 ? 'not-applicable' : 'pass',
        message:
          cronJobs.length === 0
            ? `No CronJobs on ${cluster}`
            : `CronJobs on ${cluster} are ${
                shouldRun ? 'active' : 'suspended'
              }, as ${policy} wants`,
      });
    },
  });
}
