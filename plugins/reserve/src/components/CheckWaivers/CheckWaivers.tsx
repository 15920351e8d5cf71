import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { CheckWaiver } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { reserveApiRef } from '../../api';
import { useWaiverPermission } from '../../hooks/useEntityPermission';
import {
  describeUnderlyingState,
  describeWaiverError,
  describeWaiverScope,
  waiverExpiryDay,
} from '../../presentation/waivers';

function RevokeButton(props: {
  entity: CompoundEntityRef;
  waiverId: string;
  onChanged: () => void;
}) {
  const { entity, waiverId, onChanged } = props;
  const reserveApi = useApi(reserveApiRef);
  const permission = useWaiverPermission(entity);
  const [state, revoke] = useAsyncFn(
    () => reserveApi.revokeWaiver(waiverId),
    [reserveApi, waiverId],
  );
  const onRevoke = async () => {
    const revoked = await revoke();
    // useAsyncFn resolves to the error instead of throwing it; `state.error` shows it below.
    if (revoked instanceof Error) return;
    onChanged();
  };
  const button = (
    <Button
      size="small"
      variant="outlined"
      disabled={
        permission.loading || Boolean(permission.deniedReason) || state.loading
      }
      onClick={onRevoke}
    >
      Revoke
    </Button>
  );
  return (
    <>
      {permission.deniedReason ? (
        // A disabled button fires no events: the span carries the tooltip.
        <Tooltip title={permission.deniedReason}>
          <span data-testid={`revoke-${waiverId}-unavailable`}>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          Could not revoke the waiver: {describeWaiverError(state.error)}
        </Typography>
      )}
    </>
  );
}

/**
 * The waivers a check shows, each with who waived it, until when and why, where it applies
 * and what the check finds underneath; with a Revoke button when the entity is given.
 */
export function CheckWaivers(props: {
  waivers: readonly CheckWaiver[];
  /** The entity the check is of, to revoke its waivers; absent: read only. */
  entity?: CompoundEntityRef;
  /** Called once a waiver was revoked, to fetch the report again. */
  onChanged?: () => void;
}) {
  const { entity, onChanged = () => {} } = props;
  return (
    <>
      {props.waivers.map(waiver => (
        <Box
          key={waiver.id ?? waiver.reason}
          display="flex"
          alignItems="flex-start"
          justifyContent="space-between"
          mb={1}
          aria-label={`Waiver ${describeWaiverScope(waiver.cluster)}`}
          role="group"
        >
          <Box>
            <Typography variant="body2">
              Waived by {waiver.by} until {waiverExpiryDay(waiver.expiresAt)}:{' '}
              {waiver.reason}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Waived {describeWaiverScope(waiver.cluster)}
              {waiver.underlyingState &&
                `; the check ${describeUnderlyingState(
                  waiver.underlyingState,
                )}`}
            </Typography>
          </Box>
          {entity && waiver.id && (
            <Box ml={2} flexShrink={0}>
              <RevokeButton
                entity={entity}
                waiverId={waiver.id}
                onChanged={onChanged}
              />
            </Box>
          )}
        </Box>
      ))}
    </>
  );
}
