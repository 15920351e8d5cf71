import { Table, TableColumn } from '@backstage/core-components';
import {
  CheckState,
  DrillRecord,
  PolicyDuration,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../../presentation/age';
import { CheckStateStatus } from '../CheckStateStatus';

type Row = DrillRecord & { id: string };

const dash = '—';

function phaseState(phase: string): CheckState {
  if (phase === 'Completed') return 'pass';
  if (phase === 'PartiallyFailed') return 'warn';
  if (phase === 'Failed' || phase === 'FailedValidation') return 'fail';
  return 'unknown';
}

function MeasuredRto(props: { drill: DrillRecord; rto: PolicyDuration }) {
  const { drill, rto } = props;
  if (drill.durationMs === undefined) {
    return <>{dash}</>;
  }
  const within = drill.durationMs <= rto.ms;
  return (
    <CheckStateStatus
      state={within ? 'pass' : 'fail'}
      label={`${formatDuration(drill.durationMs)} (${
        within ? 'within' : 'over'
      } the RTO of ${rto.text})`}
    />
  );
}

/** Restores of the entity's backups on its reserves, newest first, with the measured RTO. */
export function DrillHistory(props: {
  drills: readonly DrillRecord[];
  rto: PolicyDuration;
}) {
  const columns: TableColumn<Row>[] = [
    {
      title: 'When',
      field: 'startedAt',
      render: r => (r.startedAt ? formatAgo(r.startedAt) : dash),
    },
    { title: 'Cluster', field: 'cluster' },
    {
      title: 'Backup',
      field: 'backupName',
      render: r => (
        <>
          {r.backupName}
          <Typography variant="caption" color="textSecondary" display="block">
            restore {r.restoreName}
          </Typography>
        </>
      ),
    },
    {
      title: 'Phase',
      field: 'phase',
      render: r => (
        <CheckStateStatus state={phaseState(r.phase)} label={r.phase} />
      ),
    },
    {
      title: 'Duration (measured RTO)',
      field: 'durationMs',
      render: r => <MeasuredRto drill={r} rto={props.rto} />,
    },
  ];
  return (
    <Table<Row>
      title="Restore drills"
      columns={columns}
      data={props.drills.map(d => ({
        ...d,
        id: `${d.cluster}/${d.restoreName}`,
      }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No restore drill recorded yet: the RTO has never been measured. The
            restore-drill runbook below walks through one.
          </Typography>
        </Box>
      }
    />
  );
}
