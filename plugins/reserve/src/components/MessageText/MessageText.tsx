import Tooltip from '@material-ui/core/Tooltip';
import { formatAgo } from '../../presentation/age';
import {
  formatClockTime,
  formatLocalTime,
  LocalTimeOptions,
  splitInstants,
} from '../../presentation/instants';

/**
 * A message from the backend with its ISO 8601 instants as people read them: `6 s ago` (or,
 * with `instants="clock"`, `14:02`), the local time and zone on hover.
 */
export function MessageText(props: {
  text: string;
  /** `ago` (default) for how long ago, `clock` for the local time of day, as headlines say it. */
  instants?: 'ago' | 'clock';
  /** The present, and where to write local times; for tests. */
  now?: Date;
  localTime?: LocalTimeOptions;
}) {
  const { text, instants = 'ago', localTime } = props;
  const now = props.now ?? new Date();
  return (
    <>
      {splitInstants(text).map((part, i) => {
        if (part.kind === 'text') {
          return part.text;
        }
        const ago = formatAgo(part.iso, now);
        const local = formatLocalTime(part.iso, localTime);
        const shown =
          instants === 'clock'
            ? `${part.at ? 'at ' : ''}${formatClockTime(
                part.iso,
                now,
                localTime,
              )}`
            : ago;
        return (
          <Tooltip
            key={`${i}-${part.iso}`}
            title={instants === 'clock' ? `${local} (${ago})` : local}
          >
            <time dateTime={part.iso}>{shown}</time>
          </Tooltip>
        );
      })}
    </>
  );
}
