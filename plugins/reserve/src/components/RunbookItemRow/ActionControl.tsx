import { CompoundEntityRef } from '@backstage/catalog-model';
import { ActionRunbookItem } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import { useActionExecutePermission } from '../../hooks/useEntityPermission';
import { actionLabels, describeUnavailable } from '../../presentation/runbooks';
import { ActionDialog } from '../ActionDialog';

/**
 * An action item's button: opens the plan-and-run dialog when the action can run, disabled
 * with the reason for users who may not run actions or when the action is unavailable.
 */
export function ActionControl(props: {
  entity: CompoundEntityRef;
  item: ActionRunbookItem;
  /** Called when the dialog closes after a run ended. */
  onChanged: () => void;
}) {
  const { entity, item } = props;
  const [open, setOpen] = useState(false);
  const [ran, setRan] = useState(false);
  const finished = useCallback(() => setRan(true), []);
  const permission = useActionExecutePermission(entity);
  const action = item.available ? item.action : undefined;
  // The button runs a whole action (a failover repoints, scales and switches CronJobs), so it
  // is named after the action, not after this one step of it.
  const label = actionLabels[action ?? item.actionId] ?? item.actionId;
  let reason: string | undefined;
  if (!action) {
    reason = describeUnavailable(item.unavailableReason);
  } else if (permission.deniedReason) {
    reason = permission.deniedReason;
  } else if (action !== item.actionId) {
    reason = `This step is part of the ${label.toLowerCase()} plan; the dialog shows every step before anything runs.`;
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap">
      <Button
        variant="outlined"
        size="small"
        color="primary"
        disabled={!action || permission.loading || !permission.allowed}
        onClick={() => setOpen(true)}
      >
        {label}
      </Button>
      {reason && (
        <Box ml={2}>
          <Typography variant="body2" color="textSecondary">
            {reason}
          </Typography>
        </Box>
      )}
      {open && action && (
        <ActionDialog
          entity={entity}
          action={action}
          title={label}
          onClose={() => {
            setOpen(false);
            // The runbooks change with the run (a failover turns this one into Fail back,
            // which would unmount this row and its dialog): they refresh once it is closed.
            if (ran) {
              setRan(false);
              props.onChanged();
            }
          }}
          onFinished={finished}
        />
      )}
    </Box>
  );
}
