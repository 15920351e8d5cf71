import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import { ManagedProcess, ProcessGroup } from './ProcessGroup';

/** The programs a control plane runs, as `tools/kube-binaries` builds them. */
export interface BinaryPaths {
  etcd: string;
  'kube-apiserver': string;
  'kube-controller-manager': string;
  'kube-scheduler': string;
  kwok: string;
  /** Velero, its AWS plugin and the object store, needed only when Velero runs. */
  velero?: string;
  'velero-plugin-for-aws'?: string;
  versitygw?: string;
}

/** A port nothing listens on now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until `ready` answers true, failing early (with the program's last output) when the
 * program exits, and at the deadline.
 */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  options: { process?: ManagedProcess; timeoutMs: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited: string | undefined;
  options.process?.exited.then(how => {
    exited = how;
  });
  let lastError = '';
  for (;;) {
    if (exited !== undefined) {
      throw new Error(
        `${
          options.process!.name
        } exited (${exited}) before ${what}:\n${ProcessGroup.tail(
          options.process!,
        )}`,
      );
    }
    try {
      if (await ready()) return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) {
      const output = options.process
        ? `\n${ProcessGroup.tail(options.process)}`
        : '';
      throw new Error(
        `${what}: not within ${options.timeoutMs / 1000} s${
          lastError ? ` (last: ${lastError})` : ''
        }${output}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/** Starts one etcd on loopback, which every control plane of a run shares (each under its prefix). */
export async function startEtcd(
  group: ProcessGroup,
  binaries: BinaryPaths,
  dir: string,
): Promise<string> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const etcd = group.start('etcd', binaries.etcd, [
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
    '--log-level=warn',
    // A test cluster's data is thrown away: no fsync per write.
    '--unsafe-no-fsync',
    '--quota-backend-bytes=4294967296',
  ]);
  await waitUntil(
    'etcd answers /health',
    async () => {
      const res = await fetch(`${url}/health`);
      return res.ok;
    },
    { process: etcd, timeoutMs: 30_000 },
  );
  return url;
}

/** A kubeconfig for one API server and token (what the controllers and KWOK use). */
export function writeKubeconfig(
  file: string,
  options: { url: string; caFile: string; token: string; name: string },
): string {
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: options.name,
          cluster: {
            server: options.url,
            'certificate-authority': options.caFile,
          },
        },
      ],
      users: [{ name: options.name, user: { token: options.token } }],
      contexts: [
        {
          name: options.name,
          context: { cluster: options.name, user: options.name },
        },
      ],
      'current-context': options.name,
    }),
    { mode: 0o600 },
  );
  return file;
}
