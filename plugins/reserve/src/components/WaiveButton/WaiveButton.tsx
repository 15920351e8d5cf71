import { CompoundEntityRef } from '@backstage/catalog-model';
import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useState } from 'react';
import { useWaiverPermission } from '../../hooks/useEntityPermission';
import { WaiverDialog } from '../WaiverDialog';

/**
 * Waive, on a failing or warning check: for users allowed to waive the entity's checks;
 * disabled with the reason otherwise. It opens {@link WaiverDialog}.
 */
export function WaiveButton(props: {
  entity: CompoundEntityRef;
  result: CheckResult;
  /** Called once a waiver was created, to fetch the report again. */
  onChanged: () => void;
}) {
  const { entity, result, onChanged } = props;
  const [open, setOpen] = useState(false);
  const permission = useWaiverPermission(entity);
  const button = (
    <Button
      variant="outlined"
      size="small"
      disabled={permission.loading || Boolean(permission.deniedReason)}
      onClick={() => setOpen(true)}
    >
      Waive
    </Button>
  );
  return (
    <>
      {permission.deniedReason ? (
        // A disabled button fires no events: the span carries the tooltip.
        <Tooltip title={permission.deniedReason}>
          <span data-testid={`waive-${result.id}-unavailable`}>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {open && (
        <WaiverDialog
          entity={entity}
          result={result}
          onClose={() => setOpen(false)}
          onCreated={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
