import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import { PropsWithChildren } from 'react';

// The layout of Backstage's status components (@backstage/core-components, Status), so
// that this one lines up with StatusOK and the others in a list.
const useStyles = makeStyles(theme => ({
  status: {
    fontWeight: theme.typography.fontWeightMedium as number,
    alignItems: 'baseline',
    display: 'flex',
  },
  icon: {
    flexShrink: 0,
    position: 'relative',
    top: '0.125em',
    marginRight: theme.spacing(1),
    width: '0.8em',
    height: '0.8em',
    fill: theme.palette.status.running,
  },
}));

/**
 * A status icon and label in the theme's `status.running` blue, shaped like Backstage's
 * status components. Backstage has none in that colour: its StatusPending, StatusRunning and
 * StatusAborted all fill with `status.aborted` grey.
 */
export function StatusInfo(props: PropsWithChildren<{}>) {
  const classes = useStyles();
  return (
    <Typography
      component="span"
      className={classes.status}
      aria-label="Status info"
      aria-hidden="true"
    >
      <InfoOutlined data-testid="status-info" className={classes.icon} />
      {props.children}
    </Typography>
  );
}
