// The simulated clusters: nodes, tokens, platform objects, Velero, and every service's objects
// (serviceObjects.mjs).
import { DEFAULT_LAYOUT, servicesOn } from './fixtures.mjs';
import { serviceObjects } from './serviceObjects.mjs';

/**
 * The simulator fixtures of the layout's clusters (inline, for `startSimulator({ clusters })`;
 * by default the three clusters of 500 services). `withServices: false` leaves the services'
 * objects out (the real control planes create them apart, to show progress).
 */
export function clusterFixtures(
  layout = DEFAULT_LAYOUT,
  { withServices = true } = {},
) {
  return layout.clusters.map(cluster => ({
    name: cluster.name,
    version: 'v1.34.2',
    certificate: { notAfter: '+200d' },
    nodes: [
      ...cluster.zones.map((zone, n) => ({
        name: `${cluster.site}-cp-${n + 1}`,
        roles: ['control-plane'],
        zone,
      })),
      ...[0, 1, 2, 3, 4, 5].map(n => ({
        name: `${cluster.site}-w-${n + 1}`,
        roles: ['worker'],
        zone: cluster.zones[n % cluster.zones.length],
      })),
    ],
    tokens: [
      {
        name: 'reserve-reader',
        token: `bench-${cluster.name}-reader`,
        rules: [{ verbs: ['get', 'list', 'watch'], resources: ['*'] }],
      },
      {
        name: 'reserve-operator',
        token: `bench-${cluster.name}-operator`,
        rules: [{ verbs: ['*'], resources: ['*'] }],
      },
    ],
    manifests: [
      ...platformObjects(cluster),
      ...veleroObjects(cluster, layout),
      ...(withServices
        ? servicesOn(cluster.name, layout).flatMap(i =>
            serviceObjects(i, cluster),
          )
        : []),
    ],
  }));
}

function platformObjects(cluster) {
  const lease = name => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-system',
      annotations: { 'cluster-sim.kube-reserve.io/renew': 'true' },
    },
    spec: {
      holderIdentity: `${cluster.site}-cp-1_${name}`,
      leaseDurationSeconds: 15,
      acquireTime: '${now-30d:micro}',
      renewTime: '${now:micro}',
    },
  });
  const controllerLabels = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  };
  return [
    lease('kube-scheduler'),
    lease('kube-controller-manager'),
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: {
          'storageclass.kubernetes.io/is-default-class': 'true',
        },
      },
      provisioner: `csi.${cluster.provider}.example`,
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels: controllerLabels },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
        labels: controllerLabels,
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: controllerLabels },
        template: {
          metadata: { labels: controllerLabels },
          spec: {
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.13.0',
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
      },
      spec: { maxUnavailable: 1, selector: { matchLabels: controllerLabels } },
      status: { disruptionsAllowed: 1, currentHealthy: 2, expectedPods: 2 },
    },
  ];
}

// One hourly schedule covering every service namespace; the primary writes its backups to a
// bucket the reserves read (one prefix per group of clusters, named after its primary). Its
// status is held, so no backup runs during the benchmark.
function veleroObjects(cluster, layout) {
  const primary = cluster.role === 'primary';
  const group = layout.groups.find(
    g => g.primary === cluster.name || g.reserves.includes(cluster.name),
  );
  const BUCKET = { bucket: 'bench-backups', prefix: group.primary };
  const objects = [
    {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'default', namespace: 'velero' },
      spec: {
        provider: 'aws',
        default: true,
        accessMode: primary ? 'ReadWrite' : 'ReadOnly',
        objectStorage: BUCKET,
        config: { region: 'eu-west-1' },
      },
    },
  ];
  if (!primary) return objects;
  const spec = {
    includedNamespaces: ['svc-*'],
    storageLocation: 'default',
    ttl: '72h0m0s',
    defaultVolumesToFsBackup: true,
    snapshotVolumes: false,
  };
  objects.push({
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: 'hourly',
      namespace: 'velero',
      annotations: { 'cluster-sim.kube-reserve.io/hold-status': 'true' },
    },
    spec: { schedule: '0 * * * *', template: spec },
    status: { phase: 'Enabled', lastBackup: '${now-20m}' },
  });
  for (const [n, ageMinutes] of [20, 80, 140].entries()) {
    objects.push({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: `hourly-2026010100000${n}`,
        namespace: 'velero',
        labels: {
          'velero.io/schedule-name': 'hourly',
          'velero.io/storage-location': 'default',
        },
      },
      spec,
      status: {
        phase: 'Completed',
        startTimestamp: `\${now-${ageMinutes}m}`,
        completionTimestamp: `\${now-${ageMinutes - 2}m}`,
        expiration: '${now+70h}',
      },
    });
  }
  return objects;
}
