import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  isReserveAvailable,
  RESERVE_REQUIRED_ANNOTATIONS,
} from '../../conditions';
import { useEntityReport } from '../../hooks/useEntityReport';
import { BackupsSection } from '../BackupsSection';
import { CheckList } from '../CheckList';
import { ClusterComparison } from '../ClusterComparison';
import { ClusterWarnings } from '../ClusterWarnings';
import { ReportSummary } from '../ReportSummary';
import { ReserveErrorPanel } from '../ReserveErrorPanel';
import { RunbooksSection } from '../RunbooksSection';

const README_URL =
  'https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity';

function ReserveReport(props: { entity: Entity; report: EntityReport }) {
  const { entity, report } = props;
  const primary = report.clusters.find(c => c.roleInPair === 'primary');
  const reserves = report.clusters.filter(c => c.roleInPair === 'reserve');
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReportSummary report={report} />
      </Grid>
      <Grid item xs={12}>
        <ClusterWarnings clusters={report.clusters} />
        {report.clusters.length > 0 ? (
          <ClusterComparison primary={primary} reserves={reserves} />
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
        <CheckList checks={report.checks} />
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
        <RunbooksSection entity={entity} />
      </Grid>
    </Grid>
  );
}

function LoadedReserveReport(props: { entity: Entity }) {
  const { value, loading, error } = useEntityReport(
    getCompoundEntityRef(props.entity),
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ReserveErrorPanel error={error} />;
  }
  return value ? <ReserveReport entity={props.entity} report={value} /> : null;
}

/**
 * The service's Reserve tab: verdict and score, the primary and its reserves side by side,
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
