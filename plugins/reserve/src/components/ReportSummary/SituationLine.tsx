import { StatusWarning } from '@backstage/core-components';
import {
  FailoverState,
  ReportSituation,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import SwapHorizIcon from '@material-ui/icons/SwapHoriz';
import { MessageText } from '../MessageText';

function PendingOnFormerPrimary(props: { failover: FailoverState }) {
  const { formerPrimary, pendingOnFormerPrimary: pending } = props.failover;
  if (pending.length === 0) {
    return null;
  }
  return (
    <Box mt={1}>
      <Typography variant="body2" color="textSecondary">
        Left to do on {formerPrimary} before failing back (the Failover runbook
        lists them):
      </Typography>
      <ul aria-label={`Left to do on ${formerPrimary}`}>
        {pending.map(step => (
          <li key={`${step.cluster}:${step.title}`}>
            <Typography variant="body2">
              {step.title}{' '}
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                (<MessageText text={step.reason} />)
              </Typography>
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/**
 * What the Reserve tab says first when it matters more than any check: the primary does not
 * answer ("prod-fra unreachable since 14:02; last data 14:01"), or the service serves from a
 * reserve ("Serving from reserve-ams since 14:20 (failover by …)").
 */
export function SituationLine(props: {
  situation: ReportSituation;
  failover?: FailoverState;
}) {
  const { situation, failover } = props;
  // One span: the status's flex box would trim the spaces around each instant.
  const text = (
    <span>
      <MessageText text={situation.message} instants="clock" />
    </span>
  );
  return (
    <Box mb={2} data-testid="report-situation">
      <Typography variant="subtitle1" component="p" role="status">
        {situation.kind === 'failed-over' ? (
          <Box display="flex" alignItems="center" component="span">
            <SwapHorizIcon color="primary" aria-label="Failed over" />
            <Box component="span" ml={1}>
              {text}
            </Box>
          </Box>
        ) : (
          <StatusWarning>{text}</StatusWarning>
        )}
      </Typography>
      {situation.kind === 'primary-unreachable' && (
        <Typography variant="body2" color="textSecondary">
          What only the primary could tell shows as last known; a failover plans
          every step it can take without it.
        </Typography>
      )}
      {failover && <PendingOnFormerPrimary failover={failover} />}
    </Box>
  );
}
