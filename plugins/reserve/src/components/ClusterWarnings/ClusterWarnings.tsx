import { WarningPanel } from '@backstage/core-components';
import {
  ClusterSummary,
  FailoverState,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import { MessageText } from '../MessageText';

const MISSING_DATA_STATES = ['unreachable', 'unauthorized', 'pending'];

const stateOf = (cluster: ClusterSummary) =>
  cluster.status.state === 'pending'
    ? 'not collected yet'
    : cluster.status.state;

/**
 * Says plainly which clusters could not be read, so that their unknown checks are not
 * mistaken for an empty or healthy result. While failed over, the former primary not
 * answering is expected, and said so without alarm.
 */
export function ClusterWarnings(props: {
  clusters: readonly ClusterSummary[];
  failover?: FailoverState;
}) {
  const { failover } = props;
  const missing = props.clusters.filter(c =>
    MISSING_DATA_STATES.includes(c.status.state),
  );
  const stale = props.clusters.filter(c => c.status.state === 'stale');
  if (missing.length === 0 && stale.length === 0) {
    return null;
  }
  return (
    <Box mb={2}>
      {missing.map(cluster =>
        cluster.name === failover?.formerPrimary ? (
          <WarningPanel
            key={cluster.name}
            severity="info"
            title={`The former primary ${cluster.name} is ${stateOf(cluster)}`}
            message={
              <>
                <MessageText text={cluster.status.message ?? 'No data.'} />{' '}
                Expected while the service serves from {failover.servingCluster}
                ; fail back once it answers again.
              </>
            }
          />
        ) : (
          <WarningPanel
            key={cluster.name}
            severity="error"
            title={`Cluster ${cluster.name} is ${stateOf(cluster)}`}
            message={
              <>
                <MessageText text={cluster.status.message ?? 'No data.'} />{' '}
                Checks that need its data are unknown, not passed, until it
                answers.
              </>
            }
          />
        ),
      )}
      {stale.map(cluster => (
        <WarningPanel
          key={cluster.name}
          severity="warning"
          title={`Cluster ${cluster.name} serves stale data`}
          message={
            <>
              Collections have failed
              {cluster.status.staleSince && (
                <>
                  {' since '}
                  <MessageText text={cluster.status.staleSince} />
                </>
              )}
              {cluster.status.message && (
                <>
                  {' ('}
                  <MessageText text={cluster.status.message} />)
                </>
              )}
              ; checks use its last good snapshot.
            </>
          }
        />
      ))}
    </Box>
  );
}
