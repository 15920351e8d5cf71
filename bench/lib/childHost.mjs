// A host script in a child process of its own, called over IPC: the simulator's
// (simulatorHost.mjs) and the real control planes' (realClustersHost.mjs).
import { fork } from 'node:child_process';

/**
 * Forks `script` and answers `ready` (the host's `{ type: 'ready', ... }` message, or the error
 * of its exit before it), `call(op, args)` (the host answers `{ id, result }` or
 * `{ id, error }`), and the child. The text of each `{ type: noteType, message }` (a log line,
 * progress) goes to `onNote`; other typed messages (a module loader's) are not the host's. A
 * call pending when the host exits is rejected with `exitMessage(code)`.
 */
export function forkHost(
  script,
  { env, execArgv = [], noteType, onNote, exitMessage },
) {
  const child = fork(script, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
    env: { ...process.env, ...env },
  });
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    child.on('message', message => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === noteType) onNote(message.message);
      else if (!message.type) {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new Error(message.error));
        else call?.resolve(message.result);
      }
    });
    child.once('exit', code => {
      const error = new Error(exitMessage(code));
      reject(error);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    });
  });
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
  return { child, ready, call };
}
