import Grid from '@material-ui/core/Grid';
import { PlatformClusters } from '../PlatformClusters';
import { ServicesByRisk } from '../ServicesByRisk';

/** The platform view: cluster pairs and every cluster's platform facts, then every service by risk. */
export function PlatformOverview() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PlatformClusters />
      </Grid>
      <Grid item xs={12}>
        <ServicesByRisk />
      </Grid>
    </Grid>
  );
}
