import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ReserveActionId } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../../api';
import { useActionRun } from '../../hooks/useActionRun';
import { describeError } from '../../presentation/errors';
import { ActionPlanSteps } from './ActionPlanSteps';
import { ExecutionSteps } from './ExecutionSteps';

function isStalePlan(error: Error): boolean {
  return (
    (error instanceof ResponseError || error.name === 'ResponseError') &&
    (error as ResponseError).statusCode === 409
  );
}

/**
 * Plans an action, shows the dry run, and runs it once the user typed the entity's name; then
 * follows the execution step by step, and offers to resume it when it failed.
 */
export function ActionDialog(props: {
  entity: CompoundEntityRef;
  action: ReserveActionId;
  title: string;
  onClose: () => void;
  /** Called when a run ended, to refresh the executions list. */
  onFinished: () => void;
  /** How often to poll a running execution; 2 s unless a test says otherwise. */
  pollIntervalMs?: number;
}) {
  const { entity, action } = props;
  const reserveApi = useApi(reserveApiRef);
  const [confirmation, setConfirmation] = useState('');
  // A failover leaves the primary's workloads running unless the user asks to stop them.
  const [scaleDownPrimary, setScaleDownPrimary] = useState(false);
  const plan = useAsyncRetry(
    () =>
      reserveApi.planAction(
        entity,
        action,
        action === 'failover' ? { scaleDownPrimary } : {},
      ),
    [
      reserveApi,
      entity.kind,
      entity.namespace,
      entity.name,
      action,
      scaleDownPrimary,
    ],
  );
  const run = useActionRun({
    entity,
    action,
    pollIntervalMs: props.pollIntervalMs ?? 2000,
    onFinished: props.onFinished,
  });
  const { execution, submitting, error } = run.state;
  const confirmed = confirmation === entity.name;
  const resumable =
    execution?.state === 'failed' || execution?.state === 'interrupted';
  const planAgain = () => {
    run.reset();
    setConfirmation('');
    plan.retry();
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>
        {props.title}: {entity.name}
      </DialogTitle>
      <DialogContent>
        {!execution && action === 'failover' && (
          <FormControlLabel
            control={
              <Checkbox
                checked={scaleDownPrimary}
                onChange={e => setScaleDownPrimary(e.target.checked)}
                disabled={plan.loading || submitting}
                color="primary"
              />
            }
            label="Also scale the primary's workloads to 0 (otherwise they keep running)"
          />
        )}
        {!execution && plan.loading && <Progress />}
        {!execution && plan.error && (
          <Typography color="error" role="alert">
            Could not plan the action: {describeError(plan.error)}
          </Typography>
        )}
        {!execution && plan.value && !plan.loading && (
          <ActionPlanSteps plan={plan.value} />
        )}
        {execution && <ExecutionSteps execution={execution} />}
        {(!execution || resumable) && plan.value && (
          <Box mt={2}>
            <TextField
              id={`action-${action}-confirmation`}
              label={`Type ${entity.name} to confirm`}
              value={confirmation}
              onChange={e => setConfirmation(e.target.value)}
              size="small"
              fullWidth
              disabled={submitting}
            />
          </Box>
        )}
        {error && (
          <Box mt={2} display="flex" alignItems="center" flexWrap="wrap">
            <Typography color="error" role="alert">
              {describeError(error)}
            </Typography>
            {isStalePlan(error) && (
              <Box ml={2}>
                <Button size="small" variant="outlined" onClick={planAgain}>
                  Plan again
                </Button>
              </Box>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        {resumable && (
          <Button
            color="primary"
            variant="contained"
            disabled={!confirmed || submitting}
            onClick={() => run.resume(confirmation)}
          >
            Resume
          </Button>
        )}
        {!execution && (
          <Button
            color="primary"
            variant="contained"
            disabled={!plan.value || plan.loading || !confirmed || submitting}
            onClick={() => plan.value && run.start(plan.value.id, confirmation)}
          >
            Run
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
