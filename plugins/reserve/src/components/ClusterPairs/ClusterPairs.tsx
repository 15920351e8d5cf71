import { EmptyState } from '@backstage/core-components';
import {
  ClusterPair,
  ClusterSummary,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { resolveClusterPairs } from '../../presentation/clusterPairs';
import { ClusterComparison } from '../ClusterComparison';

/** Every configured cluster pair, primary and reserves side by side with their facts and status. */
export function ClusterPairs(props: {
  clusters: readonly ClusterSummary[];
  pairs: readonly ClusterPair[];
}) {
  const pairs = resolveClusterPairs(props.clusters, props.pairs);
  if (pairs.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No cluster pairs configured"
        description="Pair each primary with its reserves under reserve.pairs in app-config.yaml; entities may also name theirs with the kube-reserve.io/clusters annotation."
      />
    );
  }
  return (
    <>
      {pairs.map(pair => (
        <Box key={pair.primary.name} mb={3} component="section">
          <Typography variant="h6" component="h3">
            {pair.primary.name} →{' '}
            {pair.reserves.map(r => r.name).join(', ') || 'no reserve'}
          </Typography>
          <ClusterComparison primary={pair.primary} reserves={pair.reserves} />
        </Box>
      ))}
    </>
  );
}
