import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  OwnershipResponse,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useOwnership } from '../../hooks/useOwnership';
import { useReserveTabLink } from '../../hooks/useReserveTabLink';
import { ownedServices, toRiskTableRows } from '../../presentation/riskRows';
import { DataAge } from '../DataAge';
import { VerdictStatus } from '../VerdictStatus';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

const verdicts: Verdict[] = ['not-ready', 'unknown', 'at-risk', 'ready'];

function OwnershipOverview(props: { response: OwnershipResponse }) {
  const tabLink = useReserveTabLink();
  const rows = toRiskTableRows(ownedServices(props.response));
  if (rows.length === 0) {
    return (
      <Typography variant="body2">
        The group and its child groups own no services.
      </Typography>
    );
  }
  const failedOver = rows.filter(row => row.servingText);
  const count = (verdict: Verdict) =>
    rows.filter(r => r.verdict === verdict).length;
  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {verdicts.map(verdict => (
          <Typography key={verdict} variant="body1" component="span">
            <VerdictStatus verdict={verdict} />: {count(verdict)}
          </Typography>
        ))}
      </Box>
      {failedOver.length > 0 && (
        <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {failedOver.map(row => (
            <Chip
              key={row.id}
              size="small"
              color="primary"
              label={`${row.name}: ${row.servingText}`}
            />
          ))}
        </Box>
      )}
      <List dense aria-label="Services most at risk">
        {rows.slice(0, 3).map(row => (
          <ListItem key={row.id} disableGutters>
            <ListItemText
              primary={
                <Link to={tabLink(row.risk.entityRef)}>
                  {row.name} ({row.score ?? '—'})
                </Link>
              }
              secondary={row.worstText}
            />
          </ListItem>
        ))}
      </List>
      <DataAge generatedAt={props.response.generatedAt} />
    </>
  );
}

/**
 * Group overview card: how many owned services are ready, at risk or not, which serve from a
 * reserve after a failover, and the worst three.
 */
export function GroupReserveCard() {
  const { entity } = useEntity();
  const tabLink = useReserveTabLink();
  const { value, loading, error } = useOwnership(
    stringifyEntityRef(entity),
    true,
  );
  return (
    <InfoCard
      title="Reserve readiness"
      deepLink={{ title: 'Every service and cluster', link: tabLink(entity) }}
      variant="gridItem"
    >
      {loading && <Progress />}
      {error && <ReserveErrorPanel error={error} />}
      {value && <OwnershipOverview response={value} />}
    </InfoCard>
  );
}
