import { parseEntityRef } from '@backstage/catalog-model';
import {
  Progress,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { ActionExecution } from '@kube-reserve/plugin-reserve-common';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../../presentation/age';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

function ExecutionState(props: { execution: ActionExecution }) {
  const { state, message } = props.execution;
  const text = message ? `${state}: ${message}` : state;
  switch (state) {
    case 'succeeded':
      return <StatusOK>{text}</StatusOK>;
    case 'running':
      return <StatusRunning>{text}</StatusRunning>;
    case 'interrupted':
      return <StatusWarning>{text}</StatusWarning>;
    default:
      return <StatusError>{text}</StatusError>;
  }
}

const columns: TableColumn<ActionExecution>[] = [
  { title: 'Action', field: 'action' },
  {
    title: 'Started by',
    render: execution => parseEntityRef(execution.startedBy).name,
  },
  {
    title: 'Started',
    render: execution =>
      `${formatAgo(execution.startedAt)} (${execution.startedAt.slice(0, 16)})`,
  },
  {
    title: 'State',
    render: execution => <ExecutionState execution={execution} />,
  },
];

/** Who ran which action on the entity, when, and how it ended, newest first. */
export function ExecutionsList(props: {
  executions?: ActionExecution[];
  loading: boolean;
  error?: Error;
}) {
  const { executions, loading, error } = props;
  if (loading && !executions) {
    return <Progress />;
  }
  if (error && !executions) {
    return <ReserveErrorPanel error={error} />;
  }
  return (
    <Table<ActionExecution>
      title="Executions"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      // material-table writes into its rows; keep the fetched executions as they are.
      data={(executions ?? []).map(execution => ({ ...execution }))}
      emptyContent={
        <Typography variant="body2" color="textSecondary" align="center">
          No action has run on this service yet.
        </Typography>
      }
    />
  );
}
