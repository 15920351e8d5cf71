import {
  coreServices,
  createServiceFactory,
  RootLoggerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** Everything a test backend logs, one JSON line per entry, at every level. */
export interface CapturedLog {
  lines: string[];
  /** A root logger writing into {@link CapturedLog.lines}; every plugin logger is its child. */
  factory: ServiceFactory;
}

// As much of a value as a log formatter could print: errors with their own fields, buffers as
// text, cycles and deep nesting cut.
function printable(value: unknown, depth: number, seen: WeakSet<object>): any {
  if (typeof value === 'bigint') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      .toString('utf8')
      .slice(0, 100_000);
  }
  const entries = Object.entries(value);
  if (value instanceof Error) {
    entries.unshift(
      ['name', value.name],
      ['message', value.message],
      ['stack', value.stack],
    );
  }
  if (Array.isArray(value)) {
    return value.map(item => printable(item, depth + 1, seen));
  }
  return Object.fromEntries(
    entries.map(([key, item]) => [key, printable(item, depth + 1, seen)]),
  );
}

class CapturingLogger implements RootLoggerService {
  constructor(
    private readonly lines: string[],
    private readonly fields: JsonObject,
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.write('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.write('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.write('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.write('debug', message, meta);
  }
  child(meta: JsonObject) {
    return new CapturingLogger(this.lines, { ...this.fields, ...meta });
  }

  private write(level: string, message: string, meta?: unknown) {
    this.lines.push(
      JSON.stringify(
        printable({ level, message, ...this.fields, meta }, 0, new WeakSet()),
      ),
    );
  }
}

/** A captured log for a test backend: add its `factory` to the backend's features. */
export function createCapturedLog(): CapturedLog {
  const lines: string[] = [];
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => new CapturingLogger(lines, { service: 'backstage' }),
  });
  return { lines, factory };
}
