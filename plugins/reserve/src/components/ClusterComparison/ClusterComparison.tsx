import { ClusterSummary } from '@kube-reserve/plugin-reserve-common';
import Grid from '@material-ui/core/Grid';
import { ClusterCard } from '../ClusterCard';

/** A primary and its reserves side by side, primary first. */
export function ClusterComparison(props: {
  primary?: ClusterSummary | { name: string };
  reserves: Array<ClusterSummary | { name: string }>;
}) {
  const { primary, reserves } = props;
  const columns = Math.max(2, Math.min(4, reserves.length + 1));
  const width = (12 / columns) as 3 | 4 | 6;
  return (
    <Grid container spacing={2} alignItems="stretch">
      {primary && (
        <Grid item xs={12} md={width}>
          <ClusterCard cluster={primary} roleLabel="Primary" />
        </Grid>
      )}
      {reserves.map(reserve => (
        <Grid item xs={12} md={width} key={reserve.name}>
          <ClusterCard cluster={reserve} roleLabel="Reserve" />
        </Grid>
      ))}
    </Grid>
  );
}
