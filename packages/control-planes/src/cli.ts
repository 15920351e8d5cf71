import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startControlPlanes } from './startControlPlanes';

const usage = `control-planes --fixtures <folder> [--kubeconfig <file>] [--ca-file <file>]
               [--ports free|fixture] [--work-dir <folder>] [--velero]

Starts a real control plane (etcd, kube-apiserver, controller manager, scheduler, KWOK) for each
cluster folder of <folder> (cluster-sim's fixture format), seeds it, writes a kubeconfig and runs
until interrupted. --ports fixture listens on each cluster.yaml's port (the demo's app-config),
--ca-file writes the CA that signed the serving certificates. --velero also runs Velero: a local
S3 object store holding the fixtures' buckets and \`velero server\` per cluster with a storage
location. Build the binaries first:
scripts/build-kube-binaries.sh`;

/** The CLI; answers an exit code when it ends by itself, nothing while the clusters run. */
export async function main(argv: string[]): Promise<number | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixtures: { type: 'string' },
      kubeconfig: { type: 'string' },
      'work-dir': { type: 'string' },
      'ca-file': { type: 'string' },
      ports: { type: 'string', default: 'free' },
      velero: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.ports !== 'free' && values.ports !== 'fixture') {
    console.error(`--ports must be free or fixture, not ${values.ports}`);
    return 2;
  }
  if (values.help || !values.fixtures) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const started = Date.now();
  console.log(`control-planes: starting the clusters of ${values.fixtures}`);
  const planes = await startControlPlanes({
    fixturesDir: path.resolve(values.fixtures),
    workDir: values['work-dir'] && path.resolve(values['work-dir']),
    ports: values.ports,
    velero: values.velero,
  });
  if (values['ca-file']) fs.writeFileSync(values['ca-file'], planes.caPem);
  if (values.kubeconfig) {
    fs.copyFileSync(planes.kubeconfigPath, values.kubeconfig);
    fs.chmodSync(values.kubeconfig, 0o600);
  }
  for (const cluster of planes.clusters) {
    console.log(`control-planes: ${cluster.name} at ${cluster.url}`);
  }
  if (planes.velero) {
    console.log(
      `control-planes: Velero ${
        planes.velero.versions.VELERO_VERSION
      } on ${planes.velero.servers
        .map(s => s.cluster)
        .join(', ')}; object store at ${planes.velero.objectStore.url}`,
    );
  }
  console.log(
    `control-planes: ${planes.clusters.length} clusters up in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s (Kubernetes ${
      planes.versions.KUBERNETES_VERSION ?? '?'
    }); kubeconfig ${
      values.kubeconfig ?? planes.kubeconfigPath
    }; logs in ${path.join(planes.workDir, 'logs')}`,
  );
  const stop = () => {
    console.log('control-planes: stopping');
    planes.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}
