import { CompoundEntityRef } from '@backstage/catalog-model';
import { StatusWarning } from '@backstage/core-components';
import {
  ManualRunbookItem,
  RunbookId,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { useRunbookTick } from '../../hooks/useRunbookTick';
import {
  describeTick,
  describeTickError,
  describeTickExpiry,
} from '../../presentation/runbooks';

/** Whether the user may tick, as far as the frontend knows (the backend decides). */
export interface TickAccess {
  /** True while the permission is being asked. */
  pending: boolean;
  /** Why ticking is disabled, when the permission is denied. */
  deniedReason?: string;
}

/**
 * A manual item's checkbox with an optional note, who ticked it and when, and when the tick
 * expires; a tick saves at once and shows the backend's refusal when there is one.
 */
export function ManualItemControl(props: {
  entity: CompoundEntityRef;
  runbook: RunbookId;
  item: ManualRunbookItem;
  access: TickAccess;
  /** Called after a tick was saved, to refresh the runbooks' progress. */
  onChanged: () => void;
}) {
  const { entity, runbook, access, onChanged } = props;
  const [item, setItem] = useState(props.item);
  const [note, setNote] = useState('');
  const [state, tick] = useRunbookTick(entity, runbook, props.item.id);
  useEffect(() => setItem(props.item), [props.item]);

  const disabled =
    access.pending || Boolean(access.deniedReason) || state.loading;
  const done = item.state === 'done';
  const onToggle = async () => {
    const saved = await tick({
      ticked: !done,
      ...(!done && note.trim() ? { note: note.trim() } : {}),
    });
    // useAsyncFn resolves to the error instead of throwing it; `state.error` shows it below.
    if (saved instanceof Error) {
      return;
    }
    setItem(saved);
    setNote('');
    onChanged();
  };

  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <FormControlLabel
          control={
            <Checkbox
              checked={done}
              onChange={onToggle}
              disabled={disabled}
              color="primary"
              inputProps={{
                'aria-label': `${done ? 'Done' : 'Mark as done'}: ${
                  item.title
                }`,
              }}
            />
          }
          label={done ? 'Done' : 'Mark as done'}
        />
        {!done && (
          <TextField
            id={`runbook-${runbook}-${props.item.id}-note`}
            size="small"
            label="Note (optional)"
            value={note}
            onChange={e => setNote(e.target.value)}
            disabled={disabled}
          />
        )}
        {item.state === 'expired' && (
          <Box ml={2}>
            <StatusWarning>Tick expired</StatusWarning>
          </Box>
        )}
      </Box>
      {item.tick && (
        <Typography variant="caption" color="textSecondary" display="block">
          {describeTick(item.tick)}, {describeTickExpiry(item.tick)}
          {item.tick.note && `: “${item.tick.note}”`}
        </Typography>
      )}
      {access.deniedReason && (
        <Typography variant="caption" color="textSecondary" display="block">
          {access.deniedReason}
        </Typography>
      )}
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          {describeTickError(state.error)}
        </Typography>
      )}
    </Box>
  );
}
