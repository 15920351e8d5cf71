import { SpecDifference } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  path: { fontFamily: 'monospace', wordBreak: 'break-all' },
  removed: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
    backgroundColor: alpha(theme.palette.error.main, 0.15),
  },
  added: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
    backgroundColor: alpha(theme.palette.success.main, 0.15),
  },
}));

function byWorkload(diff: readonly SpecDifference[]) {
  const groups = new Map<string, SpecDifference[]>();
  for (const difference of diff) {
    const key = `${difference.workload} on ${difference.cluster}`;
    groups.set(key, [...(groups.get(key) ?? []), difference]);
  }
  return [...groups];
}

/**
 * `parity.spec` drift as a readable diff: per workload and reserve, each differing field with the
 * primary's value (−) beside the reserve's (+).
 */
export function SpecDiff(props: { diff: readonly SpecDifference[] }) {
  const classes = useStyles();
  return (
    <>
      {byWorkload(props.diff).map(([title, differences]) => (
        <Box key={title} mb={2}>
          <Typography variant="subtitle2">{title}</Typography>
          <Table size="small" aria-label={`Differences of ${title}`}>
            <TableHead>
              <TableRow>
                <TableCell>Field</TableCell>
                <TableCell>Primary</TableCell>
                <TableCell>Reserve</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {differences.map(d => (
                <TableRow key={d.path}>
                  <TableCell className={classes.path}>{d.path}</TableCell>
                  <TableCell className={classes.removed}>
                    − {d.primary ?? '(absent)'}
                  </TableCell>
                  <TableCell className={classes.added}>
                    + {d.reserve ?? '(absent)'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ))}
    </>
  );
}
