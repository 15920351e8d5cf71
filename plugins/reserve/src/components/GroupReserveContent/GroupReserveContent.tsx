import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OwnershipResponse } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { useOwnership } from '../../hooks/useOwnership';
import { ownedServices } from '../../presentation/riskRows';
import { AggregationToggle } from '../AggregationToggle';
import { CategoryHeatMap } from '../CategoryHeatMap';
import { ClustersTable } from '../ClustersTable';
import { DataAge } from '../DataAge';
import { ServicesRiskTable } from '../ServicesRiskTable';
import { ReserveErrorPanel } from '../ReserveErrorPanel';
import { WaiversTable } from '../WaiversTable';

function Ownership(props: { response: OwnershipResponse }) {
  const { response } = props;
  if (response.entities.length === 0 && response.clusters.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing to assess"
        description={
          response.aggregate
            ? 'This group and its child groups own no services and no clusters.'
            : 'This group owns no services and no clusters directly. Include child groups to see what they own.'
        }
      />
    );
  }
  const services = ownedServices(response);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ServicesRiskTable
          risks={services}
          title="Services"
          showOwner={response.aggregate}
          showMovement
        />
      </Grid>
      {services.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Readiness by check category">
            <CategoryHeatMap risks={services} />
          </InfoCard>
        </Grid>
      )}
      {services.length > 0 && (
        <Grid item xs={12}>
          <WaiversTable rows={response.entities} title="Waivers in force" />
        </Grid>
      )}
      <Grid item xs={12}>
        <ClustersTable
          title="Clusters the group owns"
          clusters={response.clusters.map(cluster => ({
            name: parseEntityRef(cluster.entityRef).name,
            title: cluster.title,
            summary: cluster.summary,
          }))}
        />
      </Grid>
      <Grid item xs={12}>
        <DataAge generatedAt={response.generatedAt} />
      </Grid>
    </Grid>
  );
}

/**
 * The group's Reserve tab: every service the group owns, worst first, with how its score
 * moved over 30 days, a heat map of check categories, the services' waivers in force, and
 * the clusters it owns.
 */
export function GroupReserveContent(props: {
  /** Whether to start with child groups included; defaults to true. */
  initialAggregate?: boolean;
}) {
  const { entity } = useEntity();
  const [aggregate, setAggregate] = useState(props.initialAggregate ?? true);
  const { value, loading, error } = useOwnership(
    stringifyEntityRef(entity),
    aggregate,
  );
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ReserveErrorPanel error={error} />;
  } else if (value) {
    body = <Ownership response={value} />;
  }
  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <AggregationToggle aggregate={aggregate} onChange={setAggregate} />
      </Box>
      {body}
    </>
  );
}
