import { StatusAborted } from '@backstage/core-components';
import { SkippedStep } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MessageText } from '../MessageText';

const useStyles = makeStyles(theme => ({
  step: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * The steps a plan leaves out because their cluster does not answer, each with the reason; a
 * failover carries them into the failback runbook, so they are named, never dropped.
 */
export function SkippedSteps(props: { skipped: readonly SkippedStep[] }) {
  const classes = useStyles();
  if (props.skipped.length === 0) {
    return null;
  }
  return (
    <Box mt={2} component="section" aria-label="Skipped steps">
      <Typography variant="subtitle2">
        Skipped:{' '}
        {props.skipped.length === 1
          ? 'one step'
          : `${props.skipped.length} steps`}{' '}
        this plan cannot take now
      </Typography>
      {props.skipped.map(step => (
        <Box
          key={`${step.cluster}:${step.title}`}
          className={classes.step}
          data-testid="plan-skipped-step"
        >
          <StatusAborted>{step.title}</StatusAborted>
          <Typography variant="caption" color="textSecondary" display="block">
            {step.cluster}: <MessageText text={step.reason} />
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
