import { ReserveActionId } from '@kube-reserve/plugin-reserve-common';
import { ExecutionEvent } from '../actions/ActionExecutor';
import { entityName, Notice } from './notices';

const actionNames: Readonly<Record<ReserveActionId, string>> = {
  failover: 'Failover',
  failback: 'Failback',
  'backup-now': 'Backup',
  'restore-drill': 'Restore drill',
};

/** What the owners are told when an action on their entity starts, resumes or ends. */
export function actionNotice(event: ExecutionEvent): Notice {
  const name = entityName(event.entityRef);
  const action = actionNames[event.action];
  switch (event.event) {
    case 'started':
    case 'resumed':
      return {
        title: `${name}: ${action} ${event.event} by ${event.actor}`,
        description: 'Follow its steps on the Reserve tab.',
        severity: event.action === 'failover' ? 'high' : 'normal',
      };
    case 'succeeded':
      return {
        title: `${name}: ${action} succeeded`,
        description: event.message,
        severity: 'normal',
      };
    default:
      return {
        title: `${name}: ${action} ${event.event}`,
        description: event.message,
        severity: 'high',
      };
  }
}
