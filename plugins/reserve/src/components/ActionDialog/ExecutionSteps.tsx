import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import {
  ActionExecution,
  ExecutionStepState,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { MessageText } from '../MessageText';

function StepStatus(props: { state: ExecutionStepState }) {
  switch (props.state) {
    case 'succeeded':
      return <StatusOK>Succeeded</StatusOK>;
    case 'failed':
      return <StatusError>Failed</StatusError>;
    case 'running':
      return <StatusRunning>Running</StatusRunning>;
    case 'skipped':
      return <StatusAborted>Skipped</StatusAborted>;
    default:
      return <StatusPending>Pending</StatusPending>;
  }
}

const results: Record<ActionExecution['state'], string> = {
  running: 'Running…',
  succeeded: 'The action succeeded.',
  failed: 'The action failed.',
  interrupted: 'The action was interrupted.',
};

/** The progress of an execution: each step's state and output, then the result. */
export function ExecutionSteps(props: { execution: ActionExecution }) {
  const { execution } = props;
  const ended = execution.state !== 'running';
  return (
    <Box>
      {execution.steps.map(step => (
        <Box
          key={step.index}
          mb={1}
          data-testid={`execution-step-${step.index}`}
        >
          <Box display="flex" alignItems="center" flexWrap="wrap">
            <Box minWidth="7rem">
              <StepStatus state={step.state} />
            </Box>
            <Typography variant="body2">{step.title}</Typography>
          </Box>
          {step.output && (
            <Typography variant="caption" color="textSecondary">
              <MessageText text={step.output} />
            </Typography>
          )}
        </Box>
      ))}
      <Typography
        variant="body2"
        color={
          execution.state === 'succeeded' || !ended ? 'textPrimary' : 'error'
        }
        role={ended ? 'status' : undefined}
      >
        {results[execution.state]}
        {ended && execution.message && (
          <>
            {' '}
            <MessageText text={execution.message} />
          </>
        )}
      </Typography>
    </Box>
  );
}
