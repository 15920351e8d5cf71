import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ClusterPairs } from '../ClusterPairs';
import { ServicesByRisk } from '../ServicesByRisk';

/** The platform view: every cluster pair with its facts, then every service by risk. */
export function PlatformOverview() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Cluster pairs
        </Typography>
        <ClusterPairs />
      </Grid>
      <Grid item xs={12}>
        <ServicesByRisk />
      </Grid>
    </Grid>
  );
}
