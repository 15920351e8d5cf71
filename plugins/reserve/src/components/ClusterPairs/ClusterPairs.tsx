import { EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useClusters } from '../../hooks/useClusters';
import { resolveClusterPairs } from '../../presentation/clusterPairs';
import { ClusterComparison } from '../ClusterComparison';
import { ClusterWarnings } from '../ClusterWarnings';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

/** Every cluster pair, primary and reserves side by side with their facts and status. */
export function ClusterPairs() {
  const { value, loading, error } = useClusters();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ReserveErrorPanel error={error} />;
  }
  if (!value || value.clusters.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No clusters configured"
        description="List your clusters under kubernetes.clusterLocatorMethods and describe them under reserve.clusters in app-config.yaml."
      />
    );
  }
  const pairs = resolveClusterPairs(value.clusters, value.pairs);
  return (
    <>
      <ClusterWarnings clusters={value.clusters} />
      {pairs.map(pair => (
        <Box key={pair.primary.name} mb={3} component="section">
          <Typography variant="h6" component="h3">
            {pair.primary.name} →{' '}
            {pair.reserves.map(r => r.name).join(', ') || 'no reserve'}
          </Typography>
          {pair.inferred && (
            <Typography variant="caption" color="textSecondary" paragraph>
              Paired by cluster role; entities may override their pair with the
              kube-reserve.io/clusters annotation.
            </Typography>
          )}
          <ClusterComparison primary={pair.primary} reserves={pair.reserves} />
        </Box>
      ))}
    </>
  );
}
