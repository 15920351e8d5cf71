import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  EntityReport,
  isReserveAvailable,
  RESERVE_REQUIRED_ANNOTATIONS,
} from '@kube-reserve/plugin-reserve-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import { useEntityHistory } from '../../hooks/useEntityHistory';
import { useEntityReport } from '../../hooks/useEntityReport';
import { commandNamesOf } from '../../presentation/commands';
import { TREND_DAYS } from '../../presentation/readinessHistory';
import { BackupsSection } from '../BackupsSection';
import { CheckList } from '../CheckList';
import { ClusterComparison } from '../ClusterComparison';
import { ClusterWarnings } from '../ClusterWarnings';
import { FailoverButton } from '../FailoverButton';
import { ReadinessTrend } from '../ReadinessTrend';
import { ReportSummary } from '../ReportSummary';
import { ReserveErrorPanel } from '../ReserveErrorPanel';
import { RunbooksSection } from '../RunbooksSection';

const README_URL =
  'https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity';

// Its own card: a history that fails to load leaves the rest of the tab as it is.
function ReadinessHistoryCard(props: {
  history: ReturnType<typeof useEntityHistory>;
}) {
  const { value, loading, error } = props.history;
  let body = null;
  if (value) {
    body = <ReadinessTrend history={value} />;
  } else if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ReserveErrorPanel error={error} />;
  }
  return (
    <InfoCard title={`Readiness over the last ${TREND_DAYS} days`}>
      {body}
    </InfoCard>
  );
}

function ReserveReport(props: {
  entity: Entity;
  report: EntityReport;
  /** Fetches the report again, e.g. after an action ran. */
  onChanged: () => void;
}) {
  const { entity, report, onChanged } = props;
  const entityRef = getCompoundEntityRef(entity);
  // Bumped after an action ran, so that the runbooks and the header's button fetch again.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => {
    onChanged();
    setRefreshKey(key => key + 1);
  }, [onChanged]);
  const history = useEntityHistory(entityRef, TREND_DAYS, refreshKey);
  const primary = report.clusters.find(c => c.roleInPair === 'primary');
  const reserves = report.clusters.filter(c => c.roleInPair === 'reserve');
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReportSummary
          report={report}
          history={history.value}
          action={
            <FailoverButton
              entity={entityRef}
              report={report}
              refreshKey={refreshKey}
              onFinished={refresh}
            />
          }
        />
      </Grid>
      <Grid item xs={12}>
        <ReadinessHistoryCard history={history} />
      </Grid>
      <Grid item xs={12}>
        <ClusterWarnings
          clusters={report.clusters}
          failover={report.failover}
        />
        {report.clusters.length > 0 ? (
          <ClusterComparison
            primary={primary}
            reserves={reserves}
            failover={report.failover}
          />
        ) : (
          <EmptyState
            missing="info"
            title="No cluster pair applies to this service"
            description="Name its clusters under reserve.pairs in app-config.yaml or with the kube-reserve.io/clusters annotation."
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Checks
        </Typography>
        <CheckList
          checks={report.checks}
          names={commandNamesOf(report)}
          entity={entityRef}
          onChanged={refresh}
        />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Backups
        </Typography>
        <BackupsSection backups={report.backups} policy={report.policy} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Runbooks
        </Typography>
        <RunbooksSection
          entity={entity}
          refreshKey={refreshKey}
          onChanged={refresh}
        />
      </Grid>
    </Grid>
  );
}

function LoadedReserveReport(props: { entity: Entity }) {
  const { value, loading, error, retry } = useEntityReport(
    getCompoundEntityRef(props.entity),
  );
  // While an action's result refreshes the report, keep showing the one we have (and the
  // dialog open on it).
  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ReserveErrorPanel error={error} />;
  }
  return value ? (
    <ReserveReport entity={props.entity} report={value} onChanged={retry} />
  ) : null;
}

/**
 * The service's Reserve tab: its situation, verdict and score with the Fail over (or Fail
 * back) button, its score over the last 90 days, the primary and its reserves side by side,
 * every check by category with its evidence and remediation, backups, and runbooks.
 */
export function EntityReserveContent() {
  const { entity } = useEntity();
  if (!isReserveAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={RESERVE_REQUIRED_ANNOTATIONS}
        readMoreUrl={README_URL}
      />
    );
  }
  return <LoadedReserveReport entity={entity} />;
}
