import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CheckResult,
  formatDuration,
  getCheckDefinition,
  Waiver,
  waiverLimitMs,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { reserveApiRef } from '../../api';
import { describeError } from '../../presentation/errors';
import {
  describeWaiverError,
  lastWaiverDay,
  localDay,
  waiverExpiresAt,
} from '../../presentation/waivers';

// The select's value for a waiver of every cluster (a cluster name is never empty).
const EVERY_CLUSTER = '';

/**
 * Waives one check of an entity: on every cluster or one of the check's, with a reason and an
 * expiry no later than the limit for the check's severity; shows the backend's refusal.
 */
export function WaiverDialog(props: {
  entity: CompoundEntityRef;
  result: CheckResult;
  onClose: () => void;
  /** Called with the waiver once the backend stored it. */
  onCreated: (waiver: Waiver) => void;
}) {
  const { entity, result, onClose, onCreated } = props;
  const reserveApi = useApi(reserveApiRef);
  const definition = getCheckDefinition(result.id);
  const waivers = useAsync(
    () => reserveApi.listWaivers(entity),
    [reserveApi, entity.kind, entity.namespace, entity.name],
  );
  const limitMs = waivers.value
    ? waiverLimitMs(result.id, waivers.value.limits)
    : undefined;
  const [cluster, setCluster] = useState(EVERY_CLUSTER);
  const [reason, setReason] = useState('');
  const [reasonTouched, setReasonTouched] = useState(false);
  const [day, setDay] = useState('');
  useEffect(() => {
    if (limitMs !== undefined) setDay(lastWaiverDay(limitMs, new Date()));
  }, [limitMs]);
  const [saving, save] = useAsyncFn(
    (expiresAt: string) =>
      reserveApi.createWaiver(entity, {
        checkId: result.id,
        ...(cluster ? { cluster } : {}),
        reason: reason.trim(),
        expiresAt,
      }),
    [reserveApi, entity, result.id, cluster, reason],
  );

  const now = new Date();
  const expiresAt =
    limitMs === undefined ? undefined : waiverExpiresAt(day, limitMs, now);
  const reasonMissing = reason.trim() === '';
  const lastDay =
    limitMs === undefined ? undefined : lastWaiverDay(limitMs, now);
  const onWaive = async () => {
    if (!expiresAt || reasonMissing) return;
    const created = await save(expiresAt);
    // useAsyncFn resolves to the error instead of throwing it; `saving.error` shows it.
    if (created instanceof Error) return;
    onCreated(created);
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Waive: {definition.title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          The check counts as waived instead of failing until the waiver lapses
          or is revoked; it still shows what it finds underneath.
        </Typography>
        {waivers.loading && <Progress />}
        {waivers.error && (
          <Typography color="error" role="alert">
            Could not read the waiver limits: {describeError(waivers.error)}
          </Typography>
        )}
        {limitMs !== undefined && (
          <>
            <TextField
              id={`waiver-${result.id}-cluster`}
              select
              label="Cluster"
              value={cluster}
              onChange={e => setCluster(e.target.value)}
              // The value of every cluster is empty: shown, not left blank under the label.
              SelectProps={{ displayEmpty: true }}
              InputLabelProps={{ shrink: true }}
              fullWidth
              margin="dense"
            >
              <MenuItem value={EVERY_CLUSTER}>Every cluster</MenuItem>
              {result.clusters.map(c => (
                <MenuItem key={c.cluster} value={c.cluster}>
                  {c.cluster} only
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id={`waiver-${result.id}-reason`}
              label="Reason"
              required
              multiline
              minRows={2}
              value={reason}
              onChange={e => setReason(e.target.value)}
              onBlur={() => setReasonTouched(true)}
              error={reasonTouched && reasonMissing}
              helperText={
                reasonTouched && reasonMissing
                  ? 'Say why the risk is acceptable'
                  : 'Why the risk is acceptable, for whoever reads the check'
              }
              fullWidth
              margin="dense"
            />
            <TextField
              id={`waiver-${result.id}-expiry`}
              label="Until"
              type="date"
              value={day}
              onChange={e => setDay(e.target.value)}
              InputLabelProps={{ shrink: true }}
              inputProps={{ min: localDay(now), max: lastDay }}
              error={!expiresAt}
              helperText={`${
                expiresAt ? '' : 'Pick a day from today on. '
              }A waiver of a ${
                definition.severity
              } check lasts at most ${formatDuration(
                limitMs,
              )}: until ${lastDay} at the latest`}
              fullWidth
              margin="dense"
            />
          </>
        )}
        {saving.error && (
          <Box mt={2}>
            <Typography color="error" role="alert">
              {describeWaiverError(saving.error)}
            </Typography>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!expiresAt || reasonMissing || saving.loading}
          onClick={onWaive}
        >
          Waive
        </Button>
      </DialogActions>
    </Dialog>
  );
}
