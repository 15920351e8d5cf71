import { RpoStatus, formatDuration } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { formatAgo } from '../../presentation/age';
import { scaleRpoGauge } from '../../presentation/backups';
import { checkStatePresentation } from '../../presentation/checkStates';
import { CheckStateStatus } from '../CheckStateStatus';
import { MessageText } from '../MessageText';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    margin: theme.spacing(3, 0),
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    borderRadius: theme.shape.borderRadius,
  },
  marker: {
    position: 'absolute',
    top: -theme.spacing(1),
    bottom: -theme.spacing(1),
    borderLeft: `2px solid ${theme.palette.text.primary}`,
  },
  intervalMarker: {
    position: 'absolute',
    top: -theme.spacing(0.5),
    bottom: -theme.spacing(0.5),
    borderLeft: `2px dashed ${theme.palette.text.secondary}`,
  },
  markerLabel: {
    position: 'absolute',
    whiteSpace: 'nowrap',
    transform: 'translateX(-50%)',
  },
}));

/**
 * The data a failover would lose now: the recovery point's age as a bar against the RPO
 * target (solid marker) and the schedule interval (dashed marker), coloured by the RPO state.
 */
export function RpoGauge(props: { rpo: RpoStatus }) {
  const classes = useStyles();
  const theme = useTheme();
  const { rpo } = props;
  const scale = scaleRpoGauge(rpo);
  const age = rpo.ageMs === undefined ? undefined : formatDuration(rpo.ageMs);
  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">Recovery point</Typography>
        <CheckStateStatus state={rpo.state} />
      </Box>
      <Typography variant="h5" component="p">
        {age ? `${age} old` : 'No restore point'}
      </Typography>
      <Box
        className={classes.track}
        role="meter"
        aria-label="Recovery point age against the RPO"
        aria-valuemin={0}
        aria-valuemax={scale.maxMs}
        aria-valuenow={rpo.ageMs ?? 0}
        aria-valuetext={
          age
            ? `${age} old, RPO ${rpo.target.text}`
            : `No restore point, RPO ${rpo.target.text}`
        }
      >
        {scale.age !== undefined && (
          <Box
            className={classes.fill}
            style={{
              width: `${scale.age * 100}%`,
              backgroundColor: checkStatePresentation[rpo.state].colour(theme),
            }}
          />
        )}
        <Box
          className={classes.marker}
          style={{ left: `${scale.target * 100}%` }}
        >
          <Typography
            variant="caption"
            className={classes.markerLabel}
            style={{ top: '-1.6em' }}
          >
            RPO {rpo.target.text}
          </Typography>
        </Box>
        {scale.interval !== undefined && rpo.scheduleIntervalMs && (
          <Box
            className={classes.intervalMarker}
            style={{ left: `${scale.interval * 100}%` }}
          >
            <Typography
              variant="caption"
              color="textSecondary"
              className={classes.markerLabel}
              style={{ bottom: '-1.8em' }}
            >
              every {formatDuration(rpo.scheduleIntervalMs)}
            </Typography>
          </Box>
        )}
      </Box>
      <Typography variant="body2">
        <MessageText text={rpo.message} />
      </Typography>
      {rpo.recoveryPoint && (
        <Typography variant="caption" color="textSecondary">
          Newest restore point {rpo.recoveryPoint.name} on{' '}
          {rpo.recoveryPoint.cluster}, started{' '}
          {formatAgo(rpo.recoveryPoint.startedAt)}
        </Typography>
      )}
    </Box>
  );
}
