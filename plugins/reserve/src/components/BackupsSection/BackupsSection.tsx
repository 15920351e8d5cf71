import { EmptyState, InfoCard, WarningPanel } from '@backstage/core-components';
import {
  EntityBackups,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { BackupSchedules } from '../BackupSchedules';
import { BackupTimeline } from '../BackupTimeline';
import { DrillHistory } from '../DrillHistory';
import { RpoGauge } from '../RpoGauge';

/**
 * The service's Velero backups: how much data a failover would lose now, the last backups on a
 * timeline, the schedules covering it and the restore drills that measured its RTO.
 */
export function BackupsSection(props: {
  backups?: EntityBackups;
  policy: EntityPolicy;
}) {
  const { backups, policy } = props;
  if (!backups) {
    return (
      <EmptyState
        missing="data"
        title="No backup data"
        description="The Kube Reserve backend sent no backups for this service; it may predate backup support."
      />
    );
  }
  return (
    <Grid container spacing={2}>
      {backups.problems.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title="Velero data is missing or partial"
            message="Backup facts below may be incomplete; unknown is not the same as fine."
          >
            <ul>
              {backups.problems.map(problem => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </WarningPanel>
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <InfoCard title="RPO" subheader={`Target ${policy.rpo.text}`}>
          <RpoGauge rpo={backups.rpo} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Last backups">
          {backups.backups.length > 0 ? (
            <BackupTimeline backups={backups.backups} />
          ) : (
            <Typography variant="body2">
              No Velero backup covers this service yet.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <BackupSchedules schedules={backups.schedules} />
      </Grid>
      <Grid item xs={12}>
        <DrillHistory drills={backups.drills} rto={policy.rto} />
      </Grid>
    </Grid>
  );
}
