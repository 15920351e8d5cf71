import { CronExpressionParser } from 'cron-parser';

/** When a Velero Schedule runs, as far as its expression tells. */
export type ScheduleTiming =
  | {
      /** The next run after the given instant. */
      nextRunAt: Date;
      /** The largest gap between two consecutive runs: the worst data loss it allows. */
      largestGapMs: number;
    }
  | { problem: string };

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
// Eight days see every weekly pattern twice over; sparser schedules get a longer look.
const windowMs = 8 * dayMs;
const longestLookMs = 400 * dayMs;
const maxRuns = 20_000;

// Velero parses schedules with robfig/cron's standard parser: five fields, or one of these
// descriptors. cron-parser knows more (@weekdays, seconds fields) that Velero would reject.
const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const goDurationUnits: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: hourMs,
};

/** Milliseconds of a Go duration such as `1h30m` or `90s`, or undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    total += Number(match[1]) * goDurationUnits[match[2]];
    end = part.lastIndex;
  }
  return text.length > 0 && end === text.length ? total : undefined;
}

/**
 * Timings of cron expressions in the current minute. A five-field expression runs on whole
 * minutes, so every instant of one minute has the same next run and gaps: one walk of the
 * expression serves every entity and check evaluated in that minute.
 */
class MinuteTimings {
  private minute = Number.NaN;
  private readonly timings = new Map<string, ScheduleTiming>();

  get(
    expression: string,
    from: Date,
    compute: () => ScheduleTiming,
  ): ScheduleTiming {
    const minute = Math.floor(from.getTime() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.timings.clear();
    }
    let timing = this.timings.get(expression);
    if (!timing) {
      timing = compute();
      this.timings.set(expression, timing);
    }
    return timing;
  }
}

const cronTimings = new MinuteTimings();

/**
 * When a Velero Schedule expression runs after `from`: its next run and the largest gap
 * between consecutive runs. `@every <duration>` runs that long after the previous backup
 * (`anchor`: status.lastBackup, else the Schedule's creation), as Velero computes it.
 */
export function scheduleTiming(
  expression: string,
  from: Date,
  anchor?: Date,
): ScheduleTiming {
  let text = expression.trim();
  let tz = 'UTC';
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (zone) {
    tz = zone[1];
    text = text.slice(zone[0].length);
  }
  if (text.startsWith('@every ')) {
    const everyMs = parseGoDuration(text.slice('@every '.length).trim());
    if (!everyMs || everyMs < 1000) {
      return { problem: `"${expression}" has no valid @every duration` };
    }
    // Velero runs when the previous run is that old; an overdue run starts on its next pass.
    const due = (anchor ?? from).getTime() + everyMs;
    return {
      nextRunAt: new Date(Math.max(due, from.getTime())),
      largestGapMs: everyMs,
    };
  }
  if (text.startsWith('@') && !descriptors[text]) {
    return { problem: `"${expression}" is not a schedule Velero understands` };
  }
  const cron = descriptors[text] ?? text;
  if (cron.split(/\s+/).length !== 5) {
    return {
      problem: `"${expression}" is not a 5-field cron expression, which Velero requires`,
    };
  }
  return cronTimings.get(expression, from, () =>
    cronTiming(expression, cron, tz, from),
  );
}

function cronTiming(
  expression: string,
  cron: string,
  tz: string,
  from: Date,
): ScheduleTiming {
  try {
    const parsed = CronExpressionParser.parse(cron, { currentDate: from, tz });
    const runs: number[] = [];
    while (runs.length < maxRuns) {
      const run = parsed.next().getTime();
      runs.push(run);
      const seen = run - from.getTime();
      if ((seen > windowMs && runs.length >= 3) || seen > longestLookMs) break;
    }
    if (runs.length < 2) {
      return { problem: `"${expression}" runs less than once a year` };
    }
    let largestGapMs = 0;
    for (let i = 1; i < runs.length; i++) {
      largestGapMs = Math.max(largestGapMs, runs[i] - runs[i - 1]);
    }
    return { nextRunAt: new Date(runs[0]), largestGapMs };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `"${expression}" cannot be parsed: ${reason}` };
  }
}
