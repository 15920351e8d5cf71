import { EntityHistory } from '@kube-reserve/plugin-reserve-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatLocalTime, LocalTimeOptions } from '../../presentation/instants';
import { describeNotReadySince } from '../../presentation/readinessHistory';

/**
 * Since when the service has not been ready, from its history: `Not ready since 4 Dec, 18:00
 * (3 d)`, `since at least` when history reaches no further back; the local time on hover.
 */
export function NotReadySince(props: {
  history: EntityHistory;
  /** The present, and where to write local times; for tests. */
  now?: Date;
  localTime?: LocalTimeOptions;
}) {
  const { history, localTime } = props;
  const text = describeNotReadySince(history, props.now, localTime);
  if (!text || !history.notReadySince) {
    return null;
  }
  return (
    <Tooltip title={formatLocalTime(history.notReadySince, localTime)}>
      <Typography variant="body1">{text}</Typography>
    </Tooltip>
  );
}
