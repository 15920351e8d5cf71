import { formatDuration } from '@kube-reserve/plugin-reserve-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../../presentation/age';

/**
 * How old the data on screen is: when the answer was computed and, when known, the age of the
 * oldest cluster snapshot behind it.
 */
export function DataAge(props: {
  generatedAt: string;
  oldestSnapshotAgeMs?: number;
}) {
  const { generatedAt, oldestSnapshotAgeMs } = props;
  return (
    <Tooltip title={`Computed at ${new Date(generatedAt).toISOString()}`}>
      <Typography variant="caption" color="textSecondary">
        Computed {formatAgo(generatedAt)}
        {oldestSnapshotAgeMs !== undefined &&
          `, from cluster data up to ${formatDuration(
            oldestSnapshotAgeMs,
          )} old`}
      </Typography>
    </Tooltip>
  );
}
