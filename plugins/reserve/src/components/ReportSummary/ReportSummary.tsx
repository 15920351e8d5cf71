import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  EntityHistory,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { oldestSnapshotAge } from '../../presentation/reports';
import { DataAge } from '../DataAge';
import { VerdictStatus } from '../VerdictStatus';
import { NotReadySince } from './NotReadySince';
import { SituationLine } from './SituationLine';

function Fact(props: { label: string; value: string }) {
  return (
    <Grid item>
      <Typography variant="caption" color="textSecondary" display="block">
        {props.label}
      </Typography>
      <Typography variant="body1">{props.value}</Typography>
    </Grid>
  );
}

/**
 * The top of the Reserve tab: the situation first when there is one (primary unreachable,
 * failed over), then verdict, score, policy, since when it has not been ready and the data's
 * age; `action` sits in its header.
 */
export function ReportSummary(props: {
  report: EntityReport;
  /** The entity's readiness history, once loaded: says since when it has not been ready. */
  history?: EntityHistory;
  /** The header's button, e.g. Fail over. */
  action?: ReactNode;
}) {
  const { report, history } = props;
  const { policy } = report;
  // Failed over, the question is whether it is healthy where it serves and could fail back.
  const title = report.failover
    ? 'Is it healthy where it serves, and could it fail back?'
    : 'Could this service run from its reserve now?';
  return (
    <InfoCard title={title} action={props.action}>
      {report.situation && (
        <SituationLine
          situation={report.situation}
          failover={report.failover}
        />
      )}
      <Grid container spacing={4} alignItems="center">
        <Grid item>
          <Typography variant="h4" component="p">
            <VerdictStatus verdict={report.verdict} />
          </Typography>
        </Grid>
        <Grid item>
          <Typography variant="h4" component="p" aria-label="Score">
            {report.score}
            <Typography variant="body2" component="span" color="textSecondary">
              {' '}
              / 100
            </Typography>
          </Typography>
        </Grid>
        <Fact label="Mode" value={policy.mode} />
        {policy.mode === 'warm' && (
          <Fact
            label="Replica ratio"
            value={`${policy.replicaRatio.primary}:${policy.replicaRatio.reserve}`}
          />
        )}
        <Fact label="RPO" value={policy.rpo.text} />
        <Fact label="RTO" value={policy.rto.text} />
        <Fact label="Restore drill every" value={policy.drillInterval.text} />
      </Grid>
      {/* History may lag the report a moment: a ready verdict is not contradicted. */}
      {history && report.verdict !== 'ready' && (
        <Box mt={1}>
          <NotReadySince history={history} />
        </Box>
      )}
      <Box mt={1}>
        <DataAge
          generatedAt={report.generatedAt}
          oldestSnapshotAgeMs={oldestSnapshotAge(report.clusters)}
        />
      </Box>
      {policy.problems.length > 0 && (
        <Box mt={2}>
          <WarningPanel
            severity="warning"
            title="Some annotations could not be read; defaults apply"
          >
            <ul>
              {policy.problems.map(problem => (
                <li key={problem.annotation}>
                  <code>{problem.annotation}</code>: {problem.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
    </InfoCard>
  );
}
