import {
  ClusterRole,
  ClusterSummary,
  FailoverState,
} from '@kube-reserve/plugin-reserve-common';
import Grid from '@material-ui/core/Grid';
import { describeRoleNow } from '../../presentation/clusterPairs';
import { ClusterCard } from '../ClusterCard';

const roleLabels: Record<ClusterRole, string> = {
  primary: 'Primary',
  reserve: 'Reserve',
};

/**
 * A primary and its reserves side by side, primary first, each labelled with the role it
 * plays now and, when that is not its configured role, why (a failover).
 */
export function ClusterComparison(props: {
  primary?: ClusterSummary | { name: string };
  reserves: Array<ClusterSummary | { name: string }>;
  /** Set while the entity is failed over: the primary is then the reserve serving it. */
  failover?: FailoverState;
}) {
  const { primary, reserves, failover } = props;
  const columns = Math.max(2, Math.min(4, reserves.length + 1));
  const width = (12 / columns) as 3 | 4 | 6;
  const card = (
    cluster: ClusterSummary | { name: string },
    role: ClusterRole,
  ) => (
    <ClusterCard
      cluster={cluster}
      roleLabel={roleLabels[role]}
      roleNote={describeRoleNow(cluster, role, failover)}
    />
  );
  return (
    <Grid container spacing={2} alignItems="stretch">
      {primary && (
        <Grid item xs={12} md={width}>
          {card(primary, 'primary')}
        </Grid>
      )}
      {reserves.map(reserve => (
        <Grid item xs={12} md={width} key={reserve.name}>
          {card(reserve, 'reserve')}
        </Grid>
      ))}
    </Grid>
  );
}
