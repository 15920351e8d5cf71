import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AdminServer } from '../admin/AdminServer';
import { startSimulator } from '../simulator';
import { UsageError } from './usage';

/** Parses a port or millisecond option; throws a usage error naming it. */
export function parseNumberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 65535 * 1000) {
    throw new UsageError(
      `--${name} must be a whole number of at least ${min}, got "${value}"`,
    );
  }
  return n;
}

/** `cluster-sim serve`: runs the simulator until SIGINT or SIGTERM. */
export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      fixtures: { type: 'string' },
      kubeconfig: { type: 'string' },
      'state-dir': { type: 'string' },
      'admin-port': { type: 'string' },
      pace: { type: 'string' },
      user: { type: 'string' },
    },
    strict: true,
  });
  if (!values.fixtures) throw new UsageError('--fixtures <dir> is required');
  if (!values.kubeconfig)
    throw new UsageError('--kubeconfig <file> is required');
  const adminPort = parseNumberOption(
    'admin-port',
    values['admin-port'],
    6440,
    0,
  );
  if (adminPort > 65535)
    throw new UsageError('--admin-port must be at most 65535');
  const pace = parseNumberOption('pace', values.pace, 2000, 10);
  const stateDir = values['state-dir'] && path.resolve(values['state-dir']);

  const simulator = await startSimulator({
    fixturesDir: path.resolve(values.fixtures),
    ports: 'fixture',
    pace,
    stateDir,
  });
  let admin: AdminServer | undefined;
  try {
    const kubeconfig = simulator.kubeconfig({ user: values.user });
    admin = new AdminServer(simulator);
    const boundAdmin = await admin.listen(adminPort);
    if (stateDir)
      fs.writeFileSync(path.join(stateDir, 'ca.crt'), simulator.caPem);
    // Written last: its existence tells scripts that every cluster listens.
    fs.mkdirSync(path.dirname(path.resolve(values.kubeconfig)), {
      recursive: true,
    });
    fs.writeFileSync(values.kubeconfig, kubeconfig, { mode: 0o600 });
    for (const c of simulator.clusters) {
      process.stdout.write(`${c.name} ${c.url}\n`);
    }
    process.stdout.write(
      `admin http://127.0.0.1:${boundAdmin}  kubeconfig ${path.resolve(
        values.kubeconfig,
      )}\n`,
    );
  } catch (error) {
    await admin?.close().catch(() => undefined);
    await simulator.stop();
    throw error;
  }
  await new Promise<void>(resolve => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await admin.close();
  await simulator.stop();
}
