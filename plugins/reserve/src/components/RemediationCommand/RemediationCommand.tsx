import { CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  command: {
    display: 'flex',
    alignItems: 'center',
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    paddingLeft: theme.spacing(1),
  },
  code: {
    flex: 1,
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
  },
}));

/** A remediation command with a button that copies it. */
export function RemediationCommand(props: {
  command: string;
  /** The copy button's accessible name; defaults to `Copy remediation command`. */
  copyLabel?: string;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.command}>
      <pre className={classes.code}>{props.command}</pre>
      <CopyTextButton
        text={props.command}
        aria-label={props.copyLabel ?? 'Copy remediation command'}
      />
    </Box>
  );
}
