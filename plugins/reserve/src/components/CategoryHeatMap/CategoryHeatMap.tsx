import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  categoryLabels,
  checkCategories,
} from '../../presentation/checkGroups';
import { checkStatePresentation } from '../../presentation/checkStates';
import { ServiceRisk, toRiskTableRows } from '../../presentation/riskRows';

const useStyles = makeStyles(theme => ({
  table: { tableLayout: 'fixed' },
  serviceCell: { width: '30%' },
  cell: {
    textAlign: 'center',
    border: `2px solid ${theme.palette.background.paper}`,
    padding: theme.spacing(0.5),
    fontSize: theme.typography.caption.fontSize,
  },
  none: {
    backgroundColor: theme.palette.background.default,
    color: theme.palette.getContrastText(theme.palette.background.default),
  },
  ...Object.fromEntries(
    Object.entries(checkStatePresentation).map(([state, { colour }]) => {
      const background = colour(theme);
      return [
        state,
        {
          backgroundColor: background,
          color: theme.palette.getContrastText(background),
        },
      ];
    }),
  ),
}));

/** A services × check categories grid, each cell the worst state of that category. */
export function CategoryHeatMap(props: { risks: readonly ServiceRisk[] }) {
  const classes = useStyles() as Record<string, string>;
  const rows = toRiskTableRows(props.risks);
  return (
    <Table
      size="small"
      className={classes.table}
      aria-label="Check categories by service"
    >
      <TableHead>
        <TableRow>
          <TableCell className={classes.serviceCell}>Service</TableCell>
          {checkCategories.map(category => (
            <TableCell key={category} align="center">
              {categoryLabels[category]}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.id}>
            <TableCell component="th" scope="row">
              {row.name}
            </TableCell>
            {checkCategories.map(category => {
              const state = row.risk.summary?.categories[category];
              const label = state
                ? checkStatePresentation[state].label
                : 'No data';
              return (
                <Tooltip
                  key={category}
                  title={`${row.name}, ${categoryLabels[category]}: ${label}`}
                >
                  <TableCell
                    className={`${classes.cell} ${classes[state ?? 'none']}`}
                    aria-label={`${categoryLabels[category]}: ${label}`}
                  >
                    {label}
                  </TableCell>
                </Tooltip>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
