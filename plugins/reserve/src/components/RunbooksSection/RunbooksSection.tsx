import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useCallback } from 'react';
import { useExecutions } from '../../hooks/useExecutions';
import { useRunbooks } from '../../hooks/useRunbooks';
import { useRunbookTickPermission } from '../../hooks/useEntityPermission';
import { ExecutionsList } from '../ExecutionsList';
import { RunbookCard } from '../RunbookCard';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

/**
 * The service's runbooks (failover, restore drill, certificate renewal, cluster upgrade) as
 * checklists, then the actions run on it; controls are disabled, with the reason, for users
 * who may not use them.
 */
export function RunbooksSection(props: {
  entity: Entity;
  /** Fetches the runbooks and executions again whenever it changes. */
  refreshKey?: number;
  /** Called after a tick or an action's run, instead of fetching again here. */
  onChanged?: () => void;
}) {
  const { refreshKey, onChanged: changed } = props;
  const entityRef = getCompoundEntityRef(props.entity);
  const { value, loading, error, retry } = useRunbooks(entityRef, refreshKey);
  const permission = useRunbookTickPermission(props.entity);
  const executions = useExecutions(entityRef, refreshKey);
  const { retry: retryExecutions } = executions;
  const onChanged = useCallback(() => {
    if (changed) {
      changed();
      return;
    }
    retry();
    retryExecutions();
  }, [changed, retry, retryExecutions]);
  // While a tick refreshes the runbooks, keep showing the ones we have.
  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ReserveErrorPanel error={error} />;
  }
  if (!value || value.runbooks.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No runbooks"
        description="The Kube Reserve backend sent no runbooks for this service."
      />
    );
  }
  const access = {
    pending: permission.loading,
    deniedReason: permission.deniedReason,
  };
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        Ticks on manual items count for {value.tickTtl}, then expire.
      </Typography>
      {value.runbooks.map(runbook => (
        <RunbookCard
          key={runbook.id}
          entity={entityRef}
          runbook={runbook}
          access={access}
          onChanged={onChanged}
        />
      ))}
      <Box mt={3}>
        <ExecutionsList
          executions={executions.value?.executions}
          loading={executions.loading}
          error={executions.error}
        />
      </Box>
    </>
  );
}
