import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const BIN = path.resolve(__dirname, '../../bin/cluster-sim');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function clusterYaml(name: string, port: number) {
  return `name: ${name}\nport: ${port}\nversion: v1.33.4\ntokens:\n  - name: viewer\n    token: ${name}-viewer-token\n    rules: [{ verbs: [get, list], resources: ['*'] }]\n  - name: operator\n    token: ${name}-operator-token\n    rules: [{ verbs: ['*'], resources: ['*'] }]\n`;
}

describe('the cluster-sim command', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-sim-cli-'));
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the fixture clusters, writes kubeconfig and CA, switches faults and stops on SIGTERM', async () => {
    const [portA, portB, adminPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    for (const [name, port] of [
      ['one', portA],
      ['two', portB],
    ] as const) {
      fs.mkdirSync(path.join(dir, 'fixtures', name), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'fixtures', name, 'cluster.yaml'),
        clusterYaml(name, port),
      );
    }
    const kubeconfigFile = path.join(dir, 'out', 'kubeconfig');
    child = spawn(process.execPath, [
      BIN,
      '--fixtures',
      path.join(dir, 'fixtures'),
      '--kubeconfig',
      kubeconfigFile,
      '--state-dir',
      path.join(dir, 'state'),
      '--admin-port',
      String(adminPort),
      '--pace',
      '50',
    ]);
    let stdout = '';
    child.stdout!.on('data', chunk => (stdout += chunk));
    const exited = new Promise<number | null>(resolve =>
      child!.on('exit', code => resolve(code)),
    );
    const deadline = Date.now() + 20_000;
    while (!stdout.includes('admin http') && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 50));

    expect(stdout).toContain(
      `one https://127.0.0.1:${portA}\ntwo https://127.0.0.1:${portB}\n`,
    );
    const kubeconfig = parse(fs.readFileSync(kubeconfigFile, 'utf8'));
    expect(kubeconfig.contexts).toEqual([
      { name: 'one', context: { cluster: 'one', user: 'one' } },
      { name: 'two', context: { cluster: 'two', user: 'two' } },
    ]);
    expect(kubeconfig.users[0].user.token).toBe('one-operator-token');
    const ca = fs.readFileSync(path.join(dir, 'state', 'ca.crt'), 'utf8');
    expect(
      Buffer.from(
        kubeconfig.clusters[0].cluster['certificate-authority-data'],
        'base64',
      ).toString(),
    ).toBe(ca);
    expect(stdout).not.toContain('-token');

    const fault = await run(process.execPath, [
      BIN,
      'fault',
      'two',
      '--admin-port',
      String(adminPort),
      '--latency',
      '25',
      '--error',
      'pods,deployments',
    ]);
    expect(fault.stdout).toBe(
      'two: {"latencyMs":25,"errorResources":["pods","deployments"]}\n',
    );
    const broken = await run(process.execPath, [
      BIN,
      'fault',
      'two',
      '--admin-port',
      String(adminPort),
      '--unauthorized',
      '--malformed',
      'deployments=huge,secrets=no-metadata',
      '--trickle',
      '50',
    ]);
    expect(broken.stdout).toBe(
      'two: {"latencyMs":25,"errorResources":["pods","deployments"],"unauthorized":true,"malformedResources":{"deployments":"huge","secrets":"no-metadata"},"trickleBytesPerSecond":50}\n',
    );
    const misspelt = await run(process.execPath, [
      BIN,
      'fault',
      'two',
      '--admin-port',
      String(adminPort),
      '--malformed',
      'deployments=corrupt',
    ]).catch(e => e);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain(
      'the answer one of invalid-json, no-metadata, huge; got "deployments=corrupt"',
    );
    const cleared = await run(process.execPath, [
      BIN,
      'fault',
      'two',
      '--admin-port',
      String(adminPort),
      '--clear',
    ]);
    expect(cleared.stdout).toBe('two: {}\n');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains bad arguments and bad fixtures', async () => {
    const missing = await run(process.execPath, [BIN, '--fixtures', dir]).catch(
      e => e,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'cluster-sim: --kubeconfig <file> is required',
    );

    fs.mkdirSync(path.join(dir, 'bad'));
    fs.writeFileSync(
      path.join(dir, 'bad', 'cluster.yaml'),
      'name: bad\nversion: 1.30\ntokens: []\n',
    );
    const bad = await run(process.execPath, [
      BIN,
      '--fixtures',
      dir,
      '--kubeconfig',
      path.join(dir, 'k'),
    ]).catch(e => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `${path.join(
        dir,
        'bad',
        'cluster.yaml',
      )}: version: must look like v1.34.2`,
    );
  });
});
