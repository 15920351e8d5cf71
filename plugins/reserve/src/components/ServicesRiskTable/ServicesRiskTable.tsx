import {
  Link,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useReserveTabLink } from '../../hooks/useReserveTabLink';
import { severitiesWorstFirst } from '../../presentation/checkStates';
import {
  RiskTableRow,
  ServiceRisk,
  toRiskTableRows,
} from '../../presentation/riskRows';
import { contentSizedColumns } from '../../presentation/tableColumns';
import { compareVerdicts } from '../../presentation/verdicts';
import { CheckStateStatus } from '../CheckStateStatus';
import { VerdictStatus } from '../VerdictStatus';
import { MessageText } from '../MessageText';

const useStyles = makeStyles(theme => ({
  // Names never wrap: not letter by letter ("Recommendation" / "s"), not at a hyphen.
  name: { whiteSpace: 'nowrap' },
  rose: { whiteSpace: 'nowrap', color: theme.palette.status.ok },
  fell: { whiteSpace: 'nowrap', color: theme.palette.status.error },
  still: { whiteSpace: 'nowrap', color: theme.palette.text.secondary },
}));

// The period the backend measures movements over, for the header before any row says.
const DEFAULT_MOVEMENT_DAYS = 30;

// Rows without a recorded movement sort below any movement.
function movementDelta(row: RiskTableRow): number {
  return row.movement?.delta ?? Number.NEGATIVE_INFINITY;
}

function FailingChips(props: { row: RiskTableRow }) {
  const failing = props.row.risk.summary?.failing;
  if (!failing) {
    return null;
  }
  const chips = severitiesWorstFirst.filter(severity => failing[severity] > 0);
  if (chips.length === 0) {
    return <Typography variant="body2">None</Typography>;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {chips.map(severity => (
        <Chip
          key={severity}
          size="small"
          variant={severity === 'critical' ? 'default' : 'outlined'}
          color={severity === 'critical' ? 'secondary' : 'default'}
          label={`${failing[severity]} ${severity}`}
        />
      ))}
    </Box>
  );
}

function WorstFinding(props: { row: RiskTableRow }) {
  const { summary, error } = props.row.risk;
  if (error) {
    return <StatusPending>Could not assess: {error}</StatusPending>;
  }
  const worst = summary?.worstFinding;
  if (!worst) {
    return <Typography variant="body2">No findings</Typography>;
  }
  return (
    <>
      <CheckStateStatus state={worst.state} label={worst.title} />
      <Typography variant="body2" color="textSecondary">
        <MessageText text={worst.message} />
      </Typography>
    </>
  );
}

function Movement(props: { row: RiskTableRow }) {
  const classes = useStyles();
  const { movement } = props.row;
  if (!movement) {
    return null;
  }
  let className = classes.still;
  if (movement.delta > 0) className = classes.rose;
  if (movement.delta < 0) className = classes.fell;
  return (
    <Tooltip title={movement.description}>
      <Typography variant="body2" component="span" className={className}>
        {movement.text}
      </Typography>
    </Tooltip>
  );
}

/**
 * One row per service, worst first: verdict, score, failing checks by severity and worst
 * finding, and where a failed-over service serves from; with `showMovement`, how each score
 * moved over the last 30 days. Sortable, searchable and filterable by verdict.
 */
export function ServicesRiskTable(props: {
  risks: readonly ServiceRisk[];
  title?: string;
  showOwner?: boolean;
  /** Adds a column of how each score moved, from the rows' recorded movements. */
  showMovement?: boolean;
  isLoading?: boolean;
  emptyContent?: ReactNode;
}) {
  const classes = useStyles();
  const tabLink = useReserveTabLink();
  const rows = toRiskTableRows(props.risks);
  const movementDays =
    rows.find(row => row.movement)?.movement?.days ?? DEFAULT_MOVEMENT_DAYS;
  const columns: TableColumn<RiskTableRow>[] = [
    {
      title: 'Service',
      field: 'name',
      highlight: true,
      render: row => (
        <>
          <Link to={tabLink(row.risk.entityRef)} className={classes.name}>
            {row.name}
          </Link>
          {row.servingText && (
            <Box mt={0.5}>
              <Chip size="small" color="primary" label={row.servingText} />
            </Box>
          )}
        </>
      ),
    },
    ...(props.showOwner
      ? [
          {
            title: 'Owner',
            field: 'owner',
            render: row => <span className={classes.name}>{row.owner}</span>,
          } as TableColumn<RiskTableRow>,
        ]
      : []),
    {
      title: 'Verdict',
      field: 'verdictLabel',
      render: row => <VerdictStatus verdict={row.verdict} />,
      customSort: (a, b) => compareVerdicts(a.verdict, b.verdict),
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: row => (row.score === undefined ? '—' : row.score),
    },
    ...(props.showMovement
      ? [
          {
            title: `${movementDays} days`,
            tooltip: `How the score moved over the last ${movementDays} days`,
            field: 'movement',
            searchable: false,
            render: row => <Movement row={row} />,
            customSort: (a, b) => movementDelta(a) - movementDelta(b) || 0,
          } as TableColumn<RiskTableRow>,
        ]
      : []),
    {
      title: 'Failing checks',
      field: 'failingText',
      render: row => <FailingChips row={row} />,
      customSort: (a, b) => b.failingWeight - a.failingWeight,
    },
    {
      title: 'Worst finding',
      field: 'worstText',
      sorting: false,
      render: row => <WorstFinding row={row} />,
    },
  ];
  // The heading stands above the table: the table's own title, squeezed beside the filters
  // and the search field, was clipped ("Servic").
  const title = props.title ?? 'Services';
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      <Table<RiskTableRow>
        columns={contentSizedColumns(columns)}
        data={rows}
        isLoading={props.isLoading}
        filters={[{ column: 'Verdict', type: 'multiple-select' }]}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          search: true,
          showTitle: false,
          padding: 'dense',
        }}
        emptyContent={props.emptyContent}
      />
    </Box>
  );
}
