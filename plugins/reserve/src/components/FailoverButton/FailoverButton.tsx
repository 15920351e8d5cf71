import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useCallback, useState } from 'react';
import { useActionExecutePermission } from '../../hooks/useEntityPermission';
import { useRunbooks } from '../../hooks/useRunbooks';
import {
  actionLabels,
  describeUnavailable,
  findActionItem,
} from '../../presentation/runbooks';
import { ActionDialog } from '../ActionDialog';

/**
 * Fail over, or Fail back while the service is failed over: the button at the top of the
 * Reserve tab, for users allowed to run actions on the entity; disabled with the reason
 * otherwise. It opens the plan, typed confirmation and progress of {@link ActionDialog}.
 */
export function FailoverButton(props: {
  entity: CompoundEntityRef;
  report: EntityReport;
  /** Fetches the action's availability again whenever it changes. */
  refreshKey?: number;
  /** Called when the dialog closes after a run ended. */
  onFinished: () => void;
}) {
  const { entity, report, onFinished } = props;
  const action = report.failover ? 'failback' : 'failover';
  const label = actionLabels[action];
  // The action the open dialog runs: fixed when it opens, whatever the report says meanwhile.
  const [open, setOpen] = useState<'failover' | 'failback'>();
  const [ran, setRan] = useState(false);
  const permission = useActionExecutePermission(entity);
  const runbooks = useRunbooks(entity, props.refreshKey);
  const item = findActionItem(runbooks.value?.runbooks ?? [], action);
  const hasReserve = report.clusters.some(c => c.roleInPair === 'reserve');
  const finished = useCallback(() => setRan(true), []);

  let reason: string | undefined;
  if (!hasReserve) {
    reason = 'This service has no reserve cluster to fail over to';
  } else if (permission.deniedReason) {
    reason = permission.deniedReason;
  } else if (item && !item.available) {
    reason = item.unavailableReason ?? describeUnavailable();
  }
  const disabled =
    Boolean(reason) || permission.loading || (runbooks.loading && !item);

  const button = (
    <Button
      variant="contained"
      color="primary"
      disabled={disabled}
      onClick={() => setOpen(action)}
    >
      {label}
    </Button>
  );
  return (
    <>
      {reason ? (
        // A disabled button fires no events: the span carries the tooltip.
        <Tooltip title={reason}>
          <span data-testid={`${action}-unavailable`}>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {open && (
        <ActionDialog
          entity={entity}
          action={open}
          title={actionLabels[open]}
          onClose={() => {
            setOpen(undefined);
            // The page behind changes with the run (a failover turns it into the failed-over
            // view): it refreshes once the dialog, and the run's result, are closed.
            if (ran) {
              setRan(false);
              onFinished();
            }
          }}
          onFinished={finished}
        />
      )}
    </>
  );
}
