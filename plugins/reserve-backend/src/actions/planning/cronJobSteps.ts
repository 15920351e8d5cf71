import { PlanDraft } from './PlanDraft';
import { SideState, nameOf } from './sideState';

/**
 * Suspends or resumes every CronJob of one side: an absolute patch each, and no step for a
 * CronJob that is already so.
 */
export function setCronJobsSuspended(
  draft: PlanDraft,
  side: SideState,
  suspend: boolean,
): void {
  for (const cronJob of side.cronJobs) {
    draft.patch(
      side.cluster,
      'CronJob',
      cronJob,
      { spec: { suspend } },
      `${suspend ? 'Suspend' : 'Resume'} ${nameOf('CronJob', cronJob)} on ${
        side.cluster
      }`,
    );
  }
}
