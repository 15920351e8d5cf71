import http from 'node:http';
import { parseArgs } from 'node:util';
import {
  Faults,
  MALFORMED_ANSWERS,
  MalformedAnswer,
} from '../faults/FaultState';
import { parseNumberOption } from './serveCommand';
import { UsageError } from './usage';

function request(
  port: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: text ? { 'Content-Type': 'application/json' } : {},
      },
      res => {
        let data = '';
        res.on('data', chunk => (data += chunk));
        res.on('end', () => {
          const parsed = data ? JSON.parse(data) : {};
          if ((res.statusCode ?? 500) >= 400)
            reject(
              new Error(
                parsed.error ?? `admin endpoint answered ${res.statusCode}`,
              ),
            );
          else resolve(parsed);
        });
      },
    );
    req.on('error', error =>
      reject(
        new Error(
          `cannot reach the simulator's admin endpoint on 127.0.0.1:${port}: ${error.message}`,
        ),
      ),
    );
    req.end(text);
  });
}

// `deployments=invalid-json,secrets=huge`
function malformed(list: string): Record<string, MalformedAnswer> {
  const entries = list
    .split(',')
    .map(pair => pair.trim())
    .filter(Boolean)
    .map(pair => {
      const [resource, answer] = pair.split('=').map(part => part.trim());
      if (
        !resource ||
        !(MALFORMED_ANSWERS as readonly string[]).includes(answer)
      ) {
        throw new UsageError(
          `--malformed takes resource=answer pairs, the answer one of ${MALFORMED_ANSWERS.join(
            ', ',
          )}; got "${pair}"`,
        );
      }
      return [resource, answer as MalformedAnswer] as const;
    });
  return Object.fromEntries(entries);
}

/** `cluster-sim fault <cluster>`: shows or switches a running cluster's faults. */
export async function faultCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'admin-port': { type: 'string' },
      latency: { type: 'string' },
      refuse: { type: 'boolean' },
      hang: { type: 'boolean' },
      error: { type: 'string' },
      forbid: { type: 'string' },
      'expired-cert': { type: 'boolean' },
      'fail-backups': { type: 'string' },
      unauthorized: { type: 'boolean' },
      malformed: { type: 'string' },
      trickle: { type: 'string' },
      clear: { type: 'boolean' },
    },
    strict: true,
  });
  if (positionals.length !== 1)
    throw new UsageError('fault needs exactly one cluster name');
  const port = parseNumberOption('admin-port', values['admin-port'], 6440, 1);
  const path = `/clusters/${encodeURIComponent(positionals[0])}/faults`;
  const faults: Faults = {};
  if (values.latency !== undefined)
    faults.latencyMs = parseNumberOption('latency', values.latency, 0, 0);
  if (values.refuse) faults.refuseConnections = true;
  if (values.hang) faults.hang = true;
  const resources = (list: string) =>
    list
      .split(',')
      .map(r => r.trim())
      .filter(Boolean);
  if (values.error) faults.errorResources = resources(values.error);
  if (values.forbid) faults.forbiddenResources = resources(values.forbid);
  if (values['expired-cert']) faults.expiredCertificate = true;
  if (values['fail-backups']) faults.failBackups = values['fail-backups'];
  if (values.unauthorized) faults.unauthorized = true;
  if (values.malformed) faults.malformedResources = malformed(values.malformed);
  if (values.trickle !== undefined)
    faults.trickleBytesPerSecond = parseNumberOption(
      'trickle',
      values.trickle,
      0,
      1,
    );
  let result;
  if (values.clear) result = await request(port, 'DELETE', path);
  if (Object.keys(faults).length > 0)
    result = await request(port, 'PATCH', path, faults);
  result ??= await request(port, 'GET', path);
  process.stdout.write(`${result.name}: ${JSON.stringify(result.faults)}\n`);
}
