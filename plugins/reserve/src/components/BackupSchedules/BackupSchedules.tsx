import { Table, TableColumn } from '@backstage/core-components';
import {
  BackupScheduleSummary,
  BackupVolumeMethod,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../../presentation/age';
import { scheduleStates } from '../../presentation/backups';
import { CheckStateStatus } from '../CheckStateStatus';

type Row = BackupScheduleSummary & { id: string };

const volumeLabels: Record<BackupVolumeMethod, string> = {
  'fs-backup': 'File-system backup',
  'snapshot-move-data': 'Snapshots, data moved',
  snapshots: 'Cloud snapshots (same region only)',
  none: 'Not backed up',
};

const dash = '—';

function nextRun(schedule: BackupScheduleSummary): string {
  if (schedule.nextRunAt) {
    return formatAgo(schedule.nextRunAt);
  }
  return schedule.state === 'enabled' ? dash : 'None while not enabled';
}

function ScheduleState(props: { schedule: BackupScheduleSummary }) {
  const { schedule } = props;
  const { label, state } = scheduleStates[schedule.state];
  return (
    <>
      <CheckStateStatus state={state} label={label} />
      {schedule.validationErrors.map(error => (
        <Typography key={error} variant="caption" color="error" display="block">
          {error}
        </Typography>
      ))}
    </>
  );
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Schedule',
    field: 'name',
    highlight: true,
    render: r => (
      <>
        {r.name}
        <Typography variant="caption" color="textSecondary" display="block">
          on {r.cluster}
        </Typography>
      </>
    ),
  },
  {
    title: 'Cron',
    field: 'cron',
    render: r => (
      <>
        <code>{r.cron}</code>
        {r.largestGapMs !== undefined && (
          <Typography variant="caption" color="textSecondary" display="block">
            largest gap {formatDuration(r.largestGapMs)}
          </Typography>
        )}
        {r.cronProblem && (
          <Typography variant="caption" color="error" display="block">
            {r.cronProblem}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'State',
    field: 'state',
    render: r => <ScheduleState schedule={r} />,
  },
  {
    title: 'Next run',
    field: 'nextRunAt',
    render: r => nextRun(r),
  },
  {
    title: 'Last good backup',
    field: 'lastGoodBackup.startedAt',
    render: r =>
      r.lastGoodBackup ? (
        <>
          {formatAgo(r.lastGoodBackup.startedAt)}
          <Typography variant="caption" color="textSecondary" display="block">
            {r.lastGoodBackup.name}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="error">
          None
        </Typography>
      ),
  },
  {
    title: 'Covers',
    field: 'uncovered',
    render: r =>
      r.uncovered.length === 0
        ? 'Every workload'
        : `Misses ${r.uncovered.join(', ')}`,
  },
  { title: 'Volumes', field: 'volumes', render: r => volumeLabels[r.volumes] },
];

/** The Velero Schedules covering the entity: cron, state, next run and last good backup. */
export function BackupSchedules(props: {
  schedules: readonly BackupScheduleSummary[];
}) {
  return (
    <Table<Row>
      title="Schedules"
      columns={columns}
      data={props.schedules.map(s => ({ ...s, id: `${s.cluster}/${s.name}` }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No Velero schedule covers this service: nothing backs it up on a
            schedule.
          </Typography>
        </Box>
      }
    />
  );
}
