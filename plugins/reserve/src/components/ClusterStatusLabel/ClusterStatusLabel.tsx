import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ClusterStatus } from '@kube-reserve/plugin-reserve-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../../presentation/age';
import { MessageText } from '../MessageText';

function kindsIn(status: ClusterStatus, state: 'forbidden' | 'failed') {
  return Object.entries(status.kinds)
    .filter(([, kind]) => kind.state === state)
    .map(([name, kind]) =>
      kind.listedAt
        ? `${name} (showing data from ${formatAgo(kind.listedAt)})`
        : name,
    );
}

/**
 * How the answered kinds are kept current: every one watched, or the kinds listed every
 * refresh instead, with why; nothing from a backend that does not say.
 */
function Collection(props: { status: ClusterStatus }) {
  const ok = Object.entries(props.status.kinds).filter(
    ([, kind]) => kind.state === 'ok' && kind.collection,
  );
  if (ok.length === 0) return null;
  const polled = ok.filter(([, kind]) => kind.collection === 'poll');
  if (polled.length === 0) {
    return (
      <Typography variant="caption" display="block" color="textSecondary">
        Watched: changes show within seconds
      </Typography>
    );
  }
  const reasons = [...new Set(polled.map(([, kind]) => kind.pollReason))]
    .filter(Boolean)
    .join('; ');
  const names =
    polled.length === ok.length
      ? 'every kind'
      : polled.map(([name]) => name).join(', ');
  return (
    <Tooltip title={reasons}>
      <Typography variant="caption" display="block" color="textSecondary">
        Listed every refresh, not watched: {names}
      </Typography>
    </Tooltip>
  );
}

function ConnectionState(props: { status: ClusterStatus }) {
  const { status } = props;
  switch (status.state) {
    case 'ok':
      return <StatusOK>OK</StatusOK>;
    case 'stale':
      return (
        <StatusWarning>
          Stale
          {status.staleSince ? ` since ${formatAgo(status.staleSince)}` : ''}
        </StatusWarning>
      );
    case 'unreachable':
      return <StatusError>Unreachable</StatusError>;
    case 'unauthorized':
      return <StatusError>Unauthorized</StatusError>;
    default:
      return <StatusPending>Not collected yet</StatusPending>;
  }
}

/**
 * How Kube Reserve's last collection of a cluster went: ok, stale, unreachable, unauthorized
 * or pending, plus, for a cluster that answered, the resource kinds it was forbidden to read
 * or failed to list, and whether its kinds are watched or listed every refresh.
 */
export function ClusterStatusLabel(props: { status: ClusterStatus }) {
  const { status } = props;
  // A cluster that did not answer failed every kind: its message says why, once.
  const answered =
    status.state !== 'unreachable' && status.state !== 'unauthorized';
  const forbidden = answered ? kindsIn(status, 'forbidden') : [];
  const failed = answered ? kindsIn(status, 'failed') : [];
  return (
    <>
      <Tooltip
        title={status.message ? <MessageText text={status.message} /> : ''}
      >
        <span>
          <ConnectionState status={status} />
        </span>
      </Tooltip>
      {status.message && status.state !== 'ok' && (
        <Typography variant="caption" display="block" color="textSecondary">
          <MessageText text={status.message} />
        </Typography>
      )}
      {forbidden.length > 0 && (
        <Typography variant="caption" display="block">
          <StatusWarning>Forbidden: {forbidden.join(', ')}</StatusWarning>
        </Typography>
      )}
      {failed.length > 0 && (
        <Typography variant="caption" display="block">
          <StatusWarning>Failed to list: {failed.join(', ')}</StatusWarning>
        </Typography>
      )}
      {answered && <Collection status={status} />}
    </>
  );
}
