import { EmptyState, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useClusters } from '../../hooks/useClusters';
import { ClusterPairs } from '../ClusterPairs';
import { ClustersTable } from '../ClustersTable';
import { ClusterWarnings } from '../ClusterWarnings';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

/**
 * The platform page's clusters: every configured pair side by side, then every cluster's
 * platform facts, the certificate expiring soonest first.
 */
export function PlatformClusters() {
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
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Cluster pairs
        </Typography>
        <ClusterWarnings clusters={value.clusters} />
        <ClusterPairs clusters={value.clusters} pairs={value.pairs} />
      </Grid>
      <Grid item xs={12}>
        <ClustersTable
          title="Cluster platform"
          clusters={value.clusters.map(summary => ({
            name: summary.name,
            summary,
          }))}
        />
      </Grid>
    </Grid>
  );
}
