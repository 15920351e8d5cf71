import Tooltip from '@material-ui/core/Tooltip';
import { Fragment } from 'react';
import { formatAgo } from '../../presentation/age';
import {
  formatClockTime,
  formatLocalTime,
  LocalTimeOptions,
  splitInstants,
} from '../../presentation/instants';
import { wrapPoints } from '../../presentation/wrapPoints';

// Text whose long tokens (image references, paths) may wrap after a slash or colon, and
// nowhere between two letters, in a table cell as narrow as in a card.
function WrappingText(props: { text: string }) {
  const pieces = wrapPoints(props.text);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}

/**
 * A message from the backend with its ISO 8601 instants as people read them: `6 s ago` (or,
 * with `instants="clock"`, `14:02`), the local time and zone on hover; its long tokens wrap
 * after a slash or colon, never between two letters.
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
          return <WrappingText key={`${i}-text`} text={part.text} />;
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
