import { CronExpressionParser } from 'cron-parser';
import { parseGoDuration } from './goDuration';

/** A parsed Velero schedule: when the next run after a given instant is due. */
export type CronSchedule = (after: Date) => Date;

const DESCRIPTORS = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
];

/**
 * Parses a schedule the way Velero's cron library (robfig/cron, standard parser) accepts it: five
 * fields, a descriptor like `@daily`, or `@every <Go duration>`; times in UTC. Throws with Velero's
 * wording for anything else.
 */
export function parseVeleroSchedule(expression: string): CronSchedule {
  const text = expression.trim();
  if (text.startsWith('@every ')) {
    const ms = parseGoDuration(text.slice('@every '.length));
    if (!ms || ms <= 0) throw new Error(`failed to parse duration ${text}`);
    return after => new Date(after.getTime() + ms);
  }
  if (text.startsWith('@')) {
    if (!DESCRIPTORS.includes(text))
      throw new Error(`unrecognized descriptor: ${text}`);
  } else {
    const fields = text.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) {
      throw new Error(
        `expected exactly 5 fields, found ${fields.length}: ${text}`,
      );
    }
  }
  // Validate once now, so a bad field fails validation rather than the first run.
  CronExpressionParser.parse(text === '@midnight' ? '@daily' : text, {
    tz: 'UTC',
  });
  return after =>
    CronExpressionParser.parse(text === '@midnight' ? '@daily' : text, {
      currentDate: after,
      tz: 'UTC',
    })
      .next()
      .toDate();
}
