import { Link, Table, TableColumn } from '@backstage/core-components';
import { OwnershipRow } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useReserveTabLink } from '../../hooks/useReserveTabLink';
import { contentSizedColumns } from '../../presentation/tableColumns';
import { GroupWaiverRow, groupWaiverRows } from '../../presentation/waivers';

const useStyles = makeStyles({
  // A service's name and a day never wrap (`Invoice` / `mailer`, `2026-12-` / `21`).
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * The waivers in force of a group's services, soonest to lapse first: the service, the check,
 * the cluster (or every cluster), why, who and until when; a line saying so when none.
 */
export function WaiversTable(props: {
  rows: readonly OwnershipRow[];
  title?: string;
}) {
  const classes = useStyles();
  const tabLink = useReserveTabLink();
  const data = groupWaiverRows(props.rows);
  const columns: TableColumn<GroupWaiverRow>[] = [
    {
      title: 'Service',
      field: 'service',
      highlight: true,
      render: row => (
        <Link to={tabLink(row.entityRef)} className={classes.nowrap}>
          {row.service}
        </Link>
      ),
    },
    { title: 'Check', field: 'check' },
    { title: 'Cluster', field: 'scope' },
    { title: 'Reason', field: 'reason', sorting: false },
    { title: 'By', field: 'by' },
    {
      title: 'Until',
      field: 'until',
      render: row => <span className={classes.nowrap}>{row.until}</span>,
      customSort: (a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt),
    },
  ];
  const title = props.title ?? 'Waivers';
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      {data.length === 0 ? (
        // Not the table's empty state: its illustration overflows a narrow page.
        <Typography variant="body2" color="textSecondary">
          <strong>No waivers in force</strong>: every failure of these services
          counts against its verdict.
        </Typography>
      ) : (
        <Table<GroupWaiverRow>
          columns={contentSizedColumns(columns)}
          data={data}
          options={{
            paging: data.length > 20,
            pageSize: 20,
            search: false,
            showTitle: false,
            toolbar: false,
            padding: 'dense',
          }}
        />
      )}
    </Box>
  );
}
