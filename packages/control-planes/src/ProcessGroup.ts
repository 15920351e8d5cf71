import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** One started program: its name for messages, and where its output goes. */
export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves when it exits, with its exit code or signal. */
  exited: Promise<string>;
}

// The watchdog: a separate Node process holding the pids of every program started. It kills
// them all when its stdin closes, which happens when the process that started them ends in any
// way, SIGKILL included (Jest killed at its timeout, a test runner interrupted). It ignores
// SIGINT so that Ctrl-C, which reaches the whole foreground process group, leaves it to clean up.
const watchdogSource = `
const pids = new Set();
let buffered = '';
process.on('SIGINT', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => {
  buffered += chunk;
  let i;
  while ((i = buffered.indexOf('\\n')) >= 0) {
    const line = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    const [op, pid] = line.split(' ');
    if (op === '+') pids.add(Number(pid));
    if (op === '-') pids.delete(Number(pid));
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
`;

/**
 * Programs started together and stopped together: each in its own process group (so its own
 * children go with it), its output in a log file, and all of them killed by a watchdog if the
 * process that started them dies without stopping them.
 */
export class ProcessGroup {
  private readonly processes: {
    managed: ManagedProcess;
    child: ChildProcess;
  }[] = [];
  private readonly watchdog: ChildProcess;
  private stopping = false;

  constructor(private readonly logDir: string) {
    fs.mkdirSync(logDir, { recursive: true });
    this.watchdog = spawn(process.execPath, ['-e', watchdogSource], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    this.watchdog.unref();
    (this.watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  }

  /**
   * Starts a program; its stdout and stderr go to `<logDir>/<name>.log` (appended to when a
   * program of that name ran before). `env` is added to this process's environment.
   */
  start(
    name: string,
    command: string,
    args: string[],
    env?: Record<string, string>,
  ): ManagedProcess {
    if (this.stopping) throw new Error(`cannot start ${name}: stopping`);
    const logFile = path.join(this.logDir, `${name}.log`);
    const log = fs.openSync(logFile, 'a');
    const child = spawn(command, args, {
      stdio: ['ignore', log, log],
      detached: true,
      env: env ? { ...process.env, ...env } : undefined,
    });
    fs.closeSync(log);
    if (child.pid === undefined) {
      throw new Error(`could not start ${name} (${command})`);
    }
    this.watchdog.stdin!.write(`+ ${child.pid}\n`);
    const exited = new Promise<string>(resolve => {
      child.on('exit', (code, signal) =>
        resolve(signal ?? `exit code ${code}`),
      );
      child.on('error', error => resolve(error.message));
    });
    const managed: ManagedProcess = { name, pid: child.pid, logFile, exited };
    this.processes.push({ managed, child });
    return managed;
  }

  /** The last lines a program wrote, for an error message. */
  static tail(managed: ManagedProcess, lines = 15): string {
    try {
      return fs
        .readFileSync(managed.logFile, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no output)';
    }
  }

  /**
   * Stops every program, the last started first: SIGTERM, then SIGKILL after `graceMs`.
   * Resolves once all have exited.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    for (const { managed } of [...this.processes].reverse()) {
      await this.stopOne(managed, graceMs);
    }
    this.watchdog.stdin!.end();
  }

  /** Stops one program as `stop` does (the others keep running). */
  async stopOne(managed: ManagedProcess, graceMs = 5000): Promise<void> {
    const entry = this.processes.find(p => p.managed === managed);
    if (!entry) return;
    const { child } = entry;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(managed.pid, 'SIGTERM');
      const timer = setTimeout(
        () => signalGroup(managed.pid, 'SIGKILL'),
        graceMs,
      );
      await managed.exited;
      clearTimeout(timer);
    }
    // Whatever it started in its group goes too.
    signalGroup(managed.pid, 'SIGKILL');
    this.watchdog.stdin!.write(`- ${managed.pid}\n`);
    this.processes.splice(this.processes.indexOf(entry), 1);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
