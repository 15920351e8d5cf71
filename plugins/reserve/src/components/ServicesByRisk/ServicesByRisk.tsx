import { EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useServiceRisks } from '../../hooks/useServiceRisks';
import { ServicesRiskTable } from '../ServicesRiskTable';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

/** Every service in the catalog with Kubernetes objects, worst first, as reports arrive. */
export function ServicesByRisk() {
  const { loading, error, total, risks } = useServiceRisks();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ReserveErrorPanel error={error} />;
  }
  if (!total) {
    return (
      <EmptyState
        missing="field"
        title="No services to assess"
        description="No Component in the catalog has a backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation."
      />
    );
  }
  const pending = risks.length < total;
  const failed = risks.filter(r => r.error).length;
  return (
    <>
      {pending && (
        <Box mb={1}>
          <LinearProgress
            variant="determinate"
            value={(100 * risks.length) / total}
            aria-label="Assessment progress"
          />
          <Typography variant="caption" color="textSecondary">
            Assessed {risks.length} of {total} services
          </Typography>
        </Box>
      )}
      {failed > 0 && (
        <Typography variant="body2" color="error" paragraph>
          {failed} of {total} services could not be assessed; they are listed as
          unknown with the reason.
        </Typography>
      )}
      <ServicesRiskTable
        risks={risks}
        title="Services by risk"
        showOwner
        isLoading={pending && risks.length === 0}
      />
    </>
  );
}
