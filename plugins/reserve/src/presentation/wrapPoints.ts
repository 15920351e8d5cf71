// A token this long (an image reference, a path) may need to wrap; it wraps after one of these.
const LONG_TOKEN = /\S{16,}/g;
const TOKEN_BREAK = /(?<=[/:@=])(?=.)/g;

/**
 * Splits text where a long token may wrap: after a slash, colon, at sign or equals sign
 * inside it (`registry.example.com/payments/` | `payments-api:` | `2.7.1`), so that it
 * never breaks between two letters. Joined again, the pieces are the text.
 */
export function wrapPoints(text: string): string[] {
  const pieces: string[] = [];
  let rest = 0;
  for (const match of text.matchAll(LONG_TOKEN)) {
    const start = match.index ?? 0;
    const parts = match[0].split(TOKEN_BREAK);
    parts[0] = text.slice(rest, start) + parts[0];
    const last = parts.length - 1;
    pieces.push(...parts.slice(0, last));
    // The token's last piece continues with the text after it.
    rest = start + match[0].length - parts[last].length;
  }
  pieces.push(text.slice(rest));
  return pieces;
}
