import { FailoverDraft } from './FailoverDraft';
import { SideState, isKnown, nameOf } from './sideState';

/**
 * Suspends or resumes every CronJob of one side: an absolute patch each, and no step for a
 * CronJob that is already so. With nothing known of the side's CronJobs, says so (skipped on
 * the side the plan leaves, not plannable on the side it goes to).
 */
export function setCronJobsSuspended(
  draft: FailoverDraft,
  side: SideState,
  suspend: boolean,
): void {
  const verb = suspend ? 'Suspend' : 'Resume';
  if (!isKnown(side, 'cronJobs')) {
    draft.unknownOn(side, 'cronJobs', {
      title: `${verb} the entity's CronJobs on ${side.cluster}`,
      what: `${suspend ? 'suspending' : 'resuming'} its CronJobs`,
    });
    return;
  }
  for (const cronJob of side.cronJobs) {
    const name = nameOf('CronJob', cronJob);
    draft.patchOn(
      side,
      'cronJobs',
      'CronJob',
      cronJob,
      { spec: { suspend } },
      `${verb} ${name} on ${side.cluster}`,
      `the ${suspend ? 'suspension' : 'resumption'} of ${name}`,
    );
  }
}
