import { ServerResponse } from 'node:http';

const TICK_MS = 100;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === 'string') {
    return Buffer.from(
      chunk,
      typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
    );
  }
  return Buffer.from(chunk as Uint8Array);
}

/**
 * Makes a response send its body a few bytes every tenth of a second, at the rate
 * `bytesPerSecond()` answers at each tick; once it answers undefined (the fault is switched
 * off), the rest goes at once. Headers leave with the first bytes, or at once when the handler
 * flushes them (a watch), so the client sees an answer begin that then crawls.
 */
export function trickleResponse(
  res: ServerResponse,
  bytesPerSecond: () => number | undefined,
): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => ServerResponse;
  const queue: Buffer[] = [];
  let ending = false;
  let timer: NodeJS.Timeout | undefined;

  const pump = () => {
    timer = undefined;
    if (res.destroyed) return;
    const rate = bytesPerSecond();
    const budget = rate
      ? Math.max(1, Math.round((rate * TICK_MS) / 1000))
      : Infinity;
    let sent = 0;
    while (queue.length > 0 && sent < budget) {
      const head = queue[0];
      const n = Math.min(head.length, budget - sent);
      if (n === head.length) {
        queue.shift();
        write(head);
      } else {
        write(head.subarray(0, n));
        queue[0] = head.subarray(n);
      }
      sent += n;
    }
    if (queue.length > 0) {
      timer = setTimeout(pump, TICK_MS);
    } else if (ending) {
      end();
    }
  };
  const schedule = () => {
    timer ??= setTimeout(pump, TICK_MS);
  };

  res.write = ((chunk: unknown, encoding?: unknown) => {
    queue.push(toBuffer(chunk, encoding));
    schedule();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      queue.push(toBuffer(chunk, encoding));
    }
    ending = true;
    schedule();
    return res;
  }) as typeof res.end;
  res.on('close', () => clearTimeout(timer));
}
