// An ISO 8601 instant as the backend writes them into messages: date, time and zone
// (`2026-12-06T22:05:58.758Z`, `2026-12-06T14:02:00+01:00`); a date alone is not an instant.
const INSTANT =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})(?![\w:])/g;

// "answered at <instant>" reads "answered 6 s ago", not "answered at 6 s ago".
const TRAILING_AT = /\bat $/;

/** A piece of a message: plain text, or an instant to show as people read times. */
export type MessagePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'instant';
      iso: string;
      /** Set when the message said "at <instant>"; the word is not part of the text before. */
      at: boolean;
    };

/** Splits a message into its text and the ISO 8601 instants in it, in order. */
export function splitInstants(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let rest = 0;
  for (const match of message.matchAll(INSTANT)) {
    const index = match.index ?? 0;
    if (Number.isNaN(Date.parse(match[0]))) continue;
    let text = message.slice(rest, index);
    const at = TRAILING_AT.test(text);
    if (at) text = text.replace(TRAILING_AT, '');
    if (text) parts.push({ kind: 'text', text });
    parts.push({ kind: 'instant', iso: match[0], at });
    rest = index + match[0].length;
  }
  if (rest < message.length) {
    parts.push({ kind: 'text', text: message.slice(rest) });
  }
  return parts;
}

/** Where and how to write local times; the browser's own locale and zone unless a test says. */
export interface LocalTimeOptions {
  locale?: string;
  timeZone?: string;
}

/** An instant in local time with its zone, e.g. `6 Dec 2026, 15:02:00 CET`. */
export function formatLocalTime(
  iso: string,
  options: LocalTimeOptions = {},
): string {
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

/**
 * An instant as a clock reads it, e.g. `14:02` today, `5 Dec, 14:02` on another day, with the
 * year when it is not this year's.
 */
export function formatClockTime(
  iso: string,
  now: Date = new Date(),
  options: LocalTimeOptions = {},
): string {
  const date = new Date(iso);
  const { locale, timeZone } = options;
  const day = (d: Date) =>
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone,
    }).format(d);
  const sameDay = day(date) === day(now);
  const sameYear =
    new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone }).format(
      date,
    ) ===
    new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone }).format(now);
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay
      ? {}
      : {
          month: 'short',
          day: 'numeric',
          year: sameYear ? undefined : 'numeric',
        }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/** The day of an instant, e.g. `7 Nov`, with the year when it is not this year's. */
export function formatDay(
  iso: string,
  now: Date = new Date(),
  options: LocalTimeOptions = {},
): string {
  const { locale, timeZone } = options;
  const year = (d: Date) =>
    new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone }).format(d);
  const date = new Date(iso);
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    year: year(date) === year(now) ? undefined : 'numeric',
    timeZone,
  }).format(date);
}
