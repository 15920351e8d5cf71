import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import aws4 from 'aws4';
import { ClusterFixture } from '@kube-reserve/cluster-sim';
import { StartedControlPlane } from './ControlPlane';
import { KubeObject } from './KubeApi';
import { ManagedProcess, ProcessGroup } from './ProcessGroup';
import { freePort, waitUntil } from './processes';

/** The programs Velero needs here, as `tools/kube-binaries` builds them. */
export interface VeleroBinaryPaths {
  velero: string;
  'velero-plugin-for-aws': string;
  versitygw: string;
}

/** Whether, and on which clusters, Velero runs. */
export interface VeleroOptions {
  /** The clusters whose Velero server runs; by default every cluster with a storage location. */
  clusters?: string[];
}

/**
 * The S3-compatible object store every cluster's Velero writes to and reads from (versitygw with
 * its POSIX backend: a bucket is a folder, an object a file). One per run, as one bucket is
 * shared by the primary (ReadWrite) and its reserves (ReadOnly) in the fixtures.
 */
export interface ObjectStore {
  /** `http://127.0.0.1:<port>`, what the storage locations' `s3Url` says. */
  url: string;
  /** The region it signs for (the fixtures' storage locations' region). */
  region: string;
  /** Whether it runs now. */
  running(): boolean;
  /** Stops it, as an outage would; the objects stay. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same objects. */
  start(): Promise<void>;
  /** An S3 request (path style: `/<bucket>/<key>`), signed with the store's key. */
  request(
    method: string,
    pathAndQuery: string,
    body?: string,
  ): Promise<{ status: number; body: string }>;
  /** Deletes every object whose key starts with `prefix` in `bucket`; answers how many. */
  deleteObjects(bucket: string, prefix: string): Promise<number>;
}

/** Velero running against one cluster, as a local process (Velero's documented way). */
export interface VeleroServer {
  cluster: string;
  process: ManagedProcess;
}

/** Velero on the control planes: the store and a server per cluster. */
export interface RunningVelero {
  objectStore: ObjectStore;
  servers: VeleroServer[];
  /** Versions of velero, its AWS plugin and the object store. */
  versions: Record<string, string>;
}

const isAwsLocation = (object: KubeObject) =>
  object.kind === 'BackupStorageLocation' &&
  (object.spec as { provider?: string } | undefined)?.provider === 'aws';

/**
 * The fixture with its AWS storage locations pointed at the local object store: `s3Url`, path
 * style, and no `credential` (the fixtures' credential Secrets hold made-up keys; Velero then
 * uses the store's key it was started with). Bucket, prefix, access mode and region stay.
 */
export function pointAtObjectStore(
  fixture: ClusterFixture,
  storeUrl: string,
): ClusterFixture {
  return {
    ...fixture,
    manifests: fixture.manifests?.map(object => {
      if (!isAwsLocation(object)) return object;
      const { credential, config, ...spec } = object.spec as {
        credential?: unknown;
        config?: Record<string, string>;
      };
      return {
        ...object,
        spec: {
          ...spec,
          config: { ...config, s3Url: storeUrl, s3ForcePathStyle: 'true' },
        },
      };
    }),
  };
}

/** The buckets and the region the fixtures' AWS storage locations name. */
export function bucketsOf(fixtures: ClusterFixture[]): {
  buckets: string[];
  region: string;
} {
  const locations = fixtures
    .flatMap(f => f.manifests ?? [])
    .filter(isAwsLocation)
    .map(
      o =>
        o.spec as {
          objectStorage: { bucket: string };
          config?: { region?: string };
        },
    );
  const regions = [
    ...new Set(locations.map(l => l.config?.region ?? 'us-east-1')),
  ];
  if (regions.length > 1) {
    throw new Error(
      `the fixtures' storage locations name several regions (${regions.join(
        ', ',
      )}); the local object store signs for one`,
    );
  }
  return {
    buckets: [...new Set(locations.map(l => l.objectStorage.bucket))],
    region: regions[0] ?? 'us-east-1',
  };
}

/** Starts versitygw on a free loopback port with a folder of its own, and creates the buckets. */
export async function startObjectStore(options: {
  binary: string;
  group: ProcessGroup;
  dir: string;
  region: string;
  buckets: string[];
}): Promise<ObjectStore & { accessKey: string; secretKey: string }> {
  const { binary, group, dir, region } = options;
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Made up for this run; they never leave the work folder.
  const accessKey = `kr${randomBytes(8).toString('hex')}`;
  const secretKey = randomBytes(24).toString('base64url');
  let current: ManagedProcess | undefined;

  const request: ObjectStore['request'] = async (
    method,
    pathAndQuery,
    body,
  ) => {
    const signed = aws4.sign(
      {
        host: `127.0.0.1:${port}`,
        path: pathAndQuery,
        method,
        service: 's3',
        region,
        body: body ?? '',
        headers: {},
      },
      { accessKeyId: accessKey, secretAccessKey: secretKey },
    );
    const res = await fetch(`${url}${pathAndQuery}`, {
      method,
      headers: signed.headers as Record<string, string>,
      body: body === undefined || method === 'GET' ? undefined : body,
    });
    return { status: res.status, body: await res.text() };
  };

  const start = async () => {
    if (current) return;
    // The keys go by environment, not argument: nothing else on the machine can read them.
    const started = group.start(
      'object-store',
      binary,
      [
        '--port',
        `127.0.0.1:${port}`,
        '--region',
        region,
        '--quiet',
        'posix',
        dataDir,
      ],
      { ROOT_ACCESS_KEY_ID: accessKey, ROOT_SECRET_ACCESS_KEY: secretKey },
    );
    current = started;
    await waitUntil(
      `the object store answers on ${url}`,
      async () => (await request('GET', '/')).status === 200,
      { process: started, timeoutMs: 30_000 },
    );
  };

  await start();
  for (const bucket of options.buckets) {
    const made = await request('PUT', `/${bucket}`);
    if (made.status !== 200) {
      throw new Error(
        `object store: creating bucket ${bucket}: ${made.status} ${made.body}`,
      );
    }
  }

  return {
    url,
    region,
    accessKey,
    secretKey,
    running: () => current !== undefined,
    start,
    async stop() {
      if (!current) return;
      await group.stopOne(current);
      current = undefined;
    },
    request,
    async deleteObjects(bucket, prefix) {
      const listed = await request(
        'GET',
        `/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`,
      );
      if (listed.status !== 200) {
        throw new Error(
          `object store: listing ${bucket}/${prefix}: ${listed.status}`,
        );
      }
      const keys = [...listed.body.matchAll(/<Key>([^<]+)<\/Key>/g)].map(
        m => m[1],
      );
      for (const key of keys) {
        const deleted = await request(
          'DELETE',
          `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
        );
        if (deleted.status !== 204 && deleted.status !== 200) {
          throw new Error(
            `object store: deleting ${bucket}/${key}: ${deleted.status}`,
          );
        }
      }
      return keys.length;
    },
  };
}

/**
 * Starts `velero server` for one cluster as a local process: the admin kubeconfig (Velero's
 * install binds it to cluster-admin), the AWS plugin, the store's key as its default
 * credentials, and every listener on a free loopback port, so that a server per cluster runs on
 * one machine. Resolves once the server has validated the cluster's storage locations.
 */
export async function startVeleroServer(options: {
  binaries: VeleroBinaryPaths;
  group: ProcessGroup;
  plane: StartedControlPlane;
  dir: string;
  credentialsFile: string;
}): Promise<VeleroServer> {
  const { binaries, group, plane, dir } = options;
  // Velero runs every program in its plugin folder: only the plugin goes there.
  const pluginDir = path.join(dir, 'plugins');
  const tmpDir = path.join(dir, 'tmp');
  fs.mkdirSync(pluginDir, { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const plugin = path.join(pluginDir, 'velero-plugin-for-aws');
  if (!fs.existsSync(plugin)) {
    fs.symlinkSync(binaries['velero-plugin-for-aws'], plugin);
  }
  const startedAt = Date.now();
  const process = group.start(
    `${plane.name}-velero`,
    binaries.velero,
    [
      'server',
      `--kubeconfig=${plane.adminKubeconfig}`,
      '--namespace=velero',
      `--plugin-dir=${pluginDir}`,
      '--features=',
      `--metrics-address=127.0.0.1:${await freePort()}`,
      `--profiler-address=127.0.0.1:${await freePort()}`,
      '--log-format=text',
    ],
    {
      AWS_SHARED_CREDENTIALS_FILE: options.credentialsFile,
      // Velero writes each location's credentials below $TMPDIR/credentials/<namespace>.
      TMPDIR: tmpDir,
      // Controller-runtime's own metrics listener (":8080" otherwise): off. Read by the
      // velero main of tools/kube-binaries/velero.
      VELERO_CONTROLLER_METRICS_ADDRESS: '0',
    },
  );
  await waitUntil(
    `${plane.name}: Velero validates its storage locations`,
    async () => {
      const locations = await plane.admin.request<{
        items: { status?: { lastValidationTime?: string } }[];
      }>('GET', '/apis/velero.io/v1/namespaces/velero/backupstoragelocations');
      return locations.items.every(
        l =>
          Date.parse(l.status?.lastValidationTime ?? '') >=
          Math.floor(startedAt / 1000) * 1000,
      );
    },
    { process, timeoutMs: 60_000 },
  );
  return { cluster: plane.name, process };
}

/** Writes the AWS shared credentials file Velero uses for the store (mode 600). */
export function writeCredentials(
  file: string,
  store: { accessKey: string; secretKey: string },
): string {
  fs.writeFileSync(
    file,
    `[default]\naws_access_key_id = ${store.accessKey}\naws_secret_access_key = ${store.secretKey}\n`,
    { mode: 0o600 },
  );
  return file;
}
