import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useRunbooks } from '../../hooks/useRunbooks';
import { useRunbookTickPermission } from '../../hooks/useRunbookTickPermission';
import { RunbookCard } from '../RunbookCard';
import { ReserveErrorPanel } from '../ReserveErrorPanel';

/**
 * The service's runbooks (failover, restore drill, certificate renewal, cluster upgrade) as
 * checklists; tick controls are disabled, with the reason, for users who may not tick.
 */
export function RunbooksSection(props: { entity: Entity }) {
  const entityRef = getCompoundEntityRef(props.entity);
  const { value, loading, error, retry } = useRunbooks(entityRef);
  const permission = useRunbookTickPermission(props.entity);
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
          onChanged={retry}
        />
      ))}
    </>
  );
}
