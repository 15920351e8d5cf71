import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ClusterFixture,
  buildKubeconfig,
  chooseToken,
  createCertificateAuthority,
  loadFixtures,
} from '@kube-reserve/cluster-sim';
import { StartedControlPlane, startControlPlane } from './ControlPlane';
import { KubeApi } from './KubeApi';
import { ProcessGroup } from './ProcessGroup';
import { BinaryPaths, startEtcd } from './processes';
import { seedFixture } from './seed';
import {
  RunningVelero,
  VeleroBinaryPaths,
  VeleroOptions,
  bucketsOf,
  pointAtObjectStore,
  startObjectStore,
  startVeleroServer,
  writeCredentials,
} from './velero';
import { provisionVolumes } from './volumeProvisioner';

// The binaries' finder lives beside their pins (tools/kube-binaries), outside any package.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { kubeBinaries } from '../../../tools/kube-binaries/index.cjs';

/** How to start real control planes. */
export interface ControlPlanesOptions {
  /** A folder of cluster folders, in cluster-sim's fixture format. */
  fixturesDir?: string;
  /** Or the fixtures themselves. */
  clusters?: ClusterFixture[];
  /** Where certificates, etcd data, kubeconfigs and logs go; a temporary folder by default. */
  workDir?: string;
  /** The binaries; by default those `scripts/build-kube-binaries.sh` built for the current pins. */
  binaries?: BinaryPaths;
  /** Reference time for `${now±N}` placeholders and relative certificate expiry. */
  now?: Date;
  /** `free` (default): ports the OS picks; `fixture`: each cluster.yaml's `port` (the demo's). */
  ports?: 'free' | 'fixture';
  /**
   * Run Velero for real: an S3-compatible object store holding the fixtures' buckets, the AWS
   * storage locations pointed at it, and `velero server` per cluster (`true`: every cluster with
   * a storage location).
   */
  velero?: boolean | VeleroOptions;
}

/** One started cluster, reached as Kube Reserve reaches a cluster. */
export interface RealCluster extends StartedControlPlane {
  /** A fixture token by name; by default its broadest (as cluster-sim's `token()`). */
  token(tokenName?: string): string;
  /** A client with one of the fixture's tokens. */
  client(tokenName: string): KubeApi;
}

/** Running control planes: their clusters, a kubeconfig, and how to stop them. */
export interface ControlPlanes {
  clusters: RealCluster[];
  cluster(name: string): RealCluster;
  /** The CA that signed every serving certificate. */
  caPem: string;
  /** A kubeconfig with a context per cluster (the fixture's broadest token), written to `kubeconfigPath`. */
  kubeconfigPath: string;
  /** The folder holding certificates, data and each program's log. */
  workDir: string;
  /** The etcd every control plane stores its objects in (under `/registry/<cluster>`). */
  etcdUrl: string;
  /** Versions of the binaries (`KUBERNETES_VERSION`, `ETCD_VERSION`, `KWOK_VERSION`, ...). */
  versions: Record<string, string>;
  /** Velero and its object store, when asked for. */
  velero?: RunningVelero;
  /** Stops every program and removes the work folder (unless it was given). */
  stop(): Promise<void>;
}

/**
 * Starts, for each cluster of a fixture folder, a real control plane (kube-apiserver with RBAC,
 * controller manager, scheduler, KWOK nodes and pods) on loopback, all sharing one etcd, and
 * seeds it with the fixture. Everything stops when `stop()` is called, and also when this
 * process dies without calling it.
 */
export async function startControlPlanes(
  options: ControlPlanesOptions,
): Promise<ControlPlanes> {
  const now = options.now ?? new Date();
  let fixtures =
    options.clusters ??
    (options.fixturesDir ? loadFixtures(options.fixturesDir, now) : []);
  if (fixtures.length === 0) {
    throw new Error(
      'startControlPlanes: no clusters (give fixturesDir or clusters)',
    );
  }
  const found = options.binaries ? undefined : kubeBinaries();
  const binaries: BinaryPaths = options.binaries ?? found!.paths;
  // KWOK's own stages (tools/kube-binaries keeps them beside the binary): nodes become Ready and
  // renew their leases, pods become Ready, complete and go when deleted.
  const stagesDir = path.join(path.dirname(binaries.kwok), 'kwok-stages');
  const kwokStages = [
    'node/fast/node-initialize.yaml',
    'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
    'pod/fast/pod-ready.yaml',
    'pod/fast/pod-complete.yaml',
    'pod/fast/pod-delete.yaml',
  ].map(stage => path.join(stagesDir, stage));
  const workDir =
    options.workDir ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'control-planes-'));
  fs.mkdirSync(workDir, { recursive: true });
  const group = new ProcessGroup(path.join(workDir, 'logs'));
  const ca = createCertificateAuthority();
  const caFile = path.join(workDir, 'ca.crt');
  fs.writeFileSync(caFile, ca.certPem);

  const provisioners: (() => void)[] = [];
  const stopAll = async () => {
    provisioners.forEach(stop => stop());
    await group.stop();
  };
  try {
    const etcdUrl = await startEtcd(group, binaries, workDir);
    let velero: RunningVelero | undefined;
    const veleroClusters = new Set<string>();
    let veleroBinaries: VeleroBinaryPaths | undefined;
    let credentialsFile = '';
    if (options.velero) {
      veleroBinaries = veleroBinariesOf(binaries);
      const { buckets, region } = bucketsOf(fixtures);
      const store = await startObjectStore({
        binary: veleroBinaries.versitygw,
        group,
        dir: path.join(workDir, 'object-store'),
        region,
        buckets,
      });
      credentialsFile = writeCredentials(
        path.join(workDir, 'object-store', 'velero-credentials'),
        store,
      );
      fixtures = fixtures.map(f => pointAtObjectStore(f, store.url));
      const asked =
        typeof options.velero === 'object'
          ? options.velero.clusters
          : undefined;
      for (const fixture of fixtures) {
        const hasLocation = fixture.manifests?.some(
          m => m.kind === 'BackupStorageLocation',
        );
        if (asked ? asked.includes(fixture.name) : hasLocation) {
          veleroClusters.add(fixture.name);
        }
      }
      const unknown = asked?.filter(n => !fixtures.some(f => f.name === n));
      if (unknown?.length) {
        throw new Error(
          `velero.clusters names no fixture: ${unknown.join(', ')}`,
        );
      }
      velero = {
        objectStore: store,
        servers: [],
        versions: Object.fromEntries(
          Object.entries(found?.versions ?? {}).filter(([key]) =>
            /^(VELERO|VERSITYGW)/.test(key),
          ),
        ),
      };
    }
    const started = await Promise.all(
      fixtures.map(async fixture => {
        const plane = await startControlPlane({
          fixture,
          binaries,
          group,
          ca,
          caFile,
          etcdUrl,
          kwokStages,
          port: options.ports === 'fixture' ? fixture.port : undefined,
          dir: path.join(workDir, fixture.name),
          now,
        });
        await seedFixture(plane.admin, fixture);
        if (velero && veleroClusters.has(fixture.name)) {
          velero.servers.push(
            await startVeleroServer({
              binaries: veleroBinaries!,
              group,
              plane,
              dir: path.join(workDir, fixture.name, 'velero'),
              credentialsFile,
            }),
          );
        }
        provisioners.push(
          provisionVolumes(plane.admin, error =>
            console.error(
              `control-planes: ${fixture.name}: volumes: ${error.message}`,
            ),
          ),
        );
        return plane;
      }),
    );
    const clusters: RealCluster[] = started.map((plane, i) => {
      const token = (tokenName?: string) =>
        chooseToken(plane.name, fixtures[i].tokens, tokenName).token;
      return {
        ...plane,
        token,
        client: (tokenName: string) =>
          new KubeApi(plane.url, token(tokenName), ca.certPem),
      };
    });
    const kubeconfigPath = path.join(workDir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfigPath,
      buildKubeconfig(
        fixtures.map((fixture, i) => ({
          name: fixture.name,
          url: clusters[i].url,
          token: clusters[i].token(),
        })),
        ca.certPem,
      ),
      { mode: 0o600 },
    );
    return {
      clusters,
      cluster(name) {
        const cluster = clusters.find(c => c.name === name);
        if (!cluster) throw new Error(`no cluster ${name}`);
        return cluster;
      },
      caPem: ca.certPem,
      kubeconfigPath,
      workDir,
      etcdUrl,
      versions: found?.versions ?? {},
      velero,
      async stop() {
        await stopAll();
        if (!options.workDir)
          fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function veleroBinariesOf(binaries: BinaryPaths): VeleroBinaryPaths {
  const { velero, versitygw } = binaries;
  const plugin = binaries['velero-plugin-for-aws'];
  if (!velero || !plugin || !versitygw) {
    throw new Error(
      'velero: the binaries have no velero, velero-plugin-for-aws or versitygw (scripts/build-kube-binaries.sh builds them)',
    );
  }
  return { velero, 'velero-plugin-for-aws': plugin, versitygw };
}
