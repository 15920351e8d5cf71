import { FixtureError } from '../fixtures/FixtureError';
import { faultCommand } from './faultCommand';
import { serveCommand } from './serveCommand';
import { USAGE, UsageError } from './usage';

/** Runs the cluster-sim CLI; answers the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === 'help' || first === '--help' || first === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (first === 'fault') await faultCommand(rest);
    else if (first === 'serve') await serveCommand(rest);
    else await serveCommand(argv);
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    // parseArgs' own errors (unknown option, missing value) are usage errors too.
    const isUsage =
      error instanceof UsageError ||
      (error as any)?.code?.startsWith?.('ERR_PARSE_ARGS');
    process.stderr.write(`cluster-sim: ${message}\n`);
    if (isUsage) process.stderr.write(`\n${USAGE}`);
    else if (
      !(error instanceof FixtureError) &&
      process.env.CLUSTER_SIM_DEBUG
    ) {
      process.stderr.write(`${(error as Error).stack}\n`);
    }
    return isUsage ? 2 : 1;
  }
}
