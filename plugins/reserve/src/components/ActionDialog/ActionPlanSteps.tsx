import { StatusWarning } from '@backstage/core-components';
import { ActionPlan, ActionStep } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MessageText } from '../MessageText';
import { SkippedSteps } from './SkippedSteps';

const useStyles = makeStyles(theme => ({
  step: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  json: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    wordBreak: 'break-all',
  },
}));

function describeTarget(step: ActionStep): string | undefined {
  const { cluster, object } = step;
  if (!object) {
    return cluster;
  }
  const name = object.namespace
    ? `${object.namespace}/${object.name}`
    : object.name;
  const target = `${object.kind} ${name}`;
  return cluster ? `${cluster}: ${target}` : target;
}

/**
 * The dry run of an action: its warnings, each step with what it changes, then the steps it
 * cannot take (their cluster does not answer) with why.
 */
export function ActionPlanSteps(props: { plan: ActionPlan }) {
  const classes = useStyles();
  const { plan } = props;
  return (
    <Box>
      {plan.warnings.map(warning => (
        <Box key={warning} mb={1}>
          <StatusWarning>
            {/* One span: the status's flex box would trim the spaces around an instant. */}
            <span>
              <MessageText text={warning} />
            </span>
          </StatusWarning>
        </Box>
      ))}
      {plan.steps.length === 0 && (
        <Typography variant="body2">
          Nothing to change: everything is already as the action would leave it.
        </Typography>
      )}
      {plan.steps.map(step => {
        const target = describeTarget(step);
        return (
          <Box
            key={step.index}
            className={classes.step}
            data-testid={`plan-step-${step.index}`}
          >
            <Typography variant="body2">
              {step.index + 1}. {step.title}
            </Typography>
            {target && (
              <Typography variant="caption" color="textSecondary">
                {target}
              </Typography>
            )}
            {step.after && (
              <Typography className={classes.json} component="div">
                {JSON.stringify(step.before ?? {})} →{' '}
                {JSON.stringify(step.after)}
              </Typography>
            )}
          </Box>
        );
      })}
      <SkippedSteps skipped={plan.skipped ?? []} />
    </Box>
  );
}
