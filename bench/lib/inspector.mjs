// A full garbage collection in the running backend, forced from outside through Node's inspector
// protocol, so that its memory can be read without the garbage of the moment: the backend is
// started with `--inspect-port` (lib/backend.mjs), SIGUSR1 opens the inspector, Node writes its
// address to the backend's log, and V8's `HeapProfiler.collectGarbage` collects all it can.
// The product has no endpoint for this, and needs none.
import { readFileSync } from 'node:fs';
import { until } from './backend.mjs';

const MB = 1024 * 1024;

// The last address Node announced in the log ("Debugger listening on ws://...").
function inspectorUrl(logFile) {
  const announced = readFileSync(logFile, 'utf8').match(
    /Debugger listening on (ws:\/\/\S+)/g,
  );
  return announced?.at(-1).split(' ').at(-1);
}

// A minimal Chrome DevTools Protocol session: `send(method)` answers the command's result.
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((opened, failed) => {
    socket.onopen = opened;
    socket.onerror = () =>
      failed(
        new Error(`could not connect to the backend's inspector (${url})`),
      );
  });
  const waiting = new Map();
  let lastId = 0;
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    const command = waiting.get(message.id);
    if (!command) return;
    waiting.delete(message.id);
    if (message.error) {
      command.fail(
        new Error(`${command.method} failed: ${message.error.message}`),
      );
    } else {
      command.done(message.result);
    }
  };
  socket.onclose = () => {
    for (const command of waiting.values()) {
      command.fail(new Error(`the inspector closed during ${command.method}`));
    }
  };
  return {
    send(method, params = {}) {
      const id = ++lastId;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((done, fail) =>
        waiting.set(id, { method, done, fail }),
      );
    },
    close: () => socket.close(),
  };
}

// The inspector's address, opened with SIGUSR1 unless the backend announced one already.
async function openInspector({ pid, logFile }) {
  let url = inspectorUrl(logFile);
  if (!url) {
    process.kill(pid, 'SIGUSR1');
    await until('the backend to open its inspector', 10_000, () => {
      url = inspectorUrl(logFile);
      return Boolean(url);
    });
  }
  return url;
}

/**
 * A V8 CPU profile of the backend over `seconds` (sampled every `intervalUs`), recorded through
 * its inspector while the benchmark sends it nothing: what it does on its own.
 */
export async function profileCpu({ pid, logFile, seconds, intervalUs = 1000 }) {
  const session = await connect(await openInspector({ pid, logFile }));
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', {
      interval: intervalUs,
    });
    await session.send('Profiler.start');
    await new Promise(done => setTimeout(done, seconds * 1000));
    const { profile } = await session.send('Profiler.stop');
    await session.send('Profiler.disable');
    return profile;
  } finally {
    session.close();
  }
}

/**
 * Makes the backend collect all the garbage it can (V8's full, compacting collection) and
 * answers the V8 heap it still uses then, in MB, and how long the collection took.
 */
export async function collectGarbage({ pid, logFile }) {
  const session = await connect(await openInspector({ pid, logFile }));
  try {
    const started = performance.now();
    await session.send('HeapProfiler.collectGarbage');
    const gcMs = performance.now() - started;
    const { usedSize, totalSize } = await session.send('Runtime.getHeapUsage');
    return { heapUsedMb: usedSize / MB, heapTotalMb: totalSize / MB, gcMs };
  } finally {
    session.close();
  }
}
