// The benchmark's world, the same on every run: three simulated clusters (a primary and two
// reserves) running the workloads of 500 services, and the catalog that describes them. This file
// names things and writes the catalog; clusterFixtures.mjs and serviceObjects.mjs write the
// clusters' objects.
//
// Every service has four workloads on every cluster (two Deployments, a StatefulSet and a
// CronJob), so each cluster holds 2,000 workloads, plus what a team would deploy around them:
// Services (one of them the ExternalName in front of the database), site ConfigMap and Secret,
// a PodDisruptionBudget, for some an autoscaler and an Ingress. A few services carry a defect
// (image drift, an active reserve CronJob, one replica) so that the reports are not all alike.

/** How many services the clusters run; the catalog describes the first `entityCount` of them. */
export const SERVICE_COUNT = 500;

/** The group that owns the first 200 services: the ownership view is measured on it. */
export const BIG_GROUP = 'team-big';
const BIG_GROUP_SIZE = 200;
const OTHER_GROUPS = ['team-a', 'team-b', 'team-c', 'team-d', 'team-e'];

/** Every group of the catalog: the big one, then five that own 60 services each at 500. */
export const GROUPS = [BIG_GROUP, ...OTHER_GROUPS];

/** The three clusters: facts for `reserve.clusters`, and the nodes the simulator serves. */
export const CLUSTERS = [
  {
    name: 'prod-fra',
    role: 'primary',
    site: 'fra1',
    provider: 'hetzner',
    region: 'eu-central',
    zones: ['fra1-a', 'fra1-b', 'fra1-c'],
  },
  {
    name: 'reserve-ams',
    role: 'reserve',
    site: 'ams3',
    provider: 'digitalocean',
    region: 'eu-west',
    zones: ['ams3-a', 'ams3-b', 'ams3-c'],
  },
  {
    name: 'reserve-waw',
    role: 'reserve',
    site: 'waw1',
    provider: 'ovh',
    region: 'eu-east',
    zones: ['waw1-a', 'waw1-b', 'waw1-c'],
  },
];

/** The default pair; services with an odd number use reserve-waw instead (see serviceName). */
export const DEFAULT_PAIR = { primary: 'prod-fra', reserves: ['reserve-ams'] };
const OTHER_RESERVE = 'reserve-waw';

/** The name of service number `i` (1-based), e.g. `svc-007`. */
export function serviceName(i) {
  return `svc-${String(i).padStart(3, '0')}`;
}

/** The entity the `i`-th request of a run asks about: a walk over all of them, same for every run. */
export function entityAt(i, entityCount) {
  return serviceName(1 + ((i * 37) % entityCount));
}

/** The reserve cluster of service number `i`: odd services use the second reserve. */
export function reserveOf(i) {
  return i % 2 === 1 ? OTHER_RESERVE : DEFAULT_PAIR.reserves[0];
}

/**
 * Where the services run: the clusters, in groups of a primary and its reserves, each group
 * running its share of the services (all four workloads of each) on every one of its clusters.
 * Three clusters are the benchmark's usual world (CLUSTERS, one group, `services` services on
 * each); more are made up in groups of five (a primary and four reserves), the services split
 * evenly between the groups: 10 clusters and 5,000 services put 2,500 services (10,000
 * workloads) on each cluster. A service pairs with its group's primary and one of its reserves
 * in turn (with three clusters: reserve-ams for even services, reserve-waw for odd ones).
 */
export function layoutOf({
  clusters = CLUSTERS.length,
  services = SERVICE_COUNT,
} = {}) {
  if (clusters === CLUSTERS.length) {
    return {
      clusters: CLUSTERS,
      services,
      groups: [
        {
          primary: DEFAULT_PAIR.primary,
          reserves: [DEFAULT_PAIR.reserves[0], OTHER_RESERVE],
          first: 1,
          last: services,
        },
      ],
      defaultPair: DEFAULT_PAIR,
    };
  }
  const GROUP_SIZE = 5;
  const groupCount = Math.ceil(clusters / GROUP_SIZE);
  const providers = ['hetzner', 'digitalocean', 'ovh'];
  const facts = [];
  const groups = [];
  const perGroup = Math.ceil(services / groupCount);
  for (let g = 0; g < groupCount; g++) {
    const size = Math.min(GROUP_SIZE, clusters - g * GROUP_SIZE);
    const names = [];
    for (let k = 0; k < size; k++) {
      const site = `s${g + 1}${String.fromCharCode(97 + k)}`;
      const name =
        k === 0
          ? `prod-${g + 1}`
          : `reserve-${g + 1}${String.fromCharCode(96 + k)}`;
      names.push(name);
      facts.push({
        name,
        role: k === 0 ? 'primary' : 'reserve',
        site,
        provider: providers[(g + k) % providers.length],
        region: `eu-${g + 1}-${k + 1}`,
        zones: [`${site}-a`, `${site}-b`, `${site}-c`],
      });
    }
    groups.push({
      primary: names[0],
      reserves: names.slice(1),
      first: g * perGroup + 1,
      last: Math.min(services, (g + 1) * perGroup),
    });
  }
  return {
    clusters: facts,
    services,
    groups,
    defaultPair: {
      primary: groups[0].primary,
      reserves: [groups[0].reserves[0]],
    },
  };
}

/** The usual world: three clusters, each running all 500 services. */
export const DEFAULT_LAYOUT = layoutOf();

/** The group of clusters that runs service number `i`. */
export function groupOf(i, layout = DEFAULT_LAYOUT) {
  return layout.groups.find(g => i >= g.first && i <= g.last);
}

/** The primary and the reserve of service number `i`. */
export function pairOf(i, layout = DEFAULT_LAYOUT) {
  const group = groupOf(i, layout);
  return {
    primary: group.primary,
    reserve: group.reserves[i % group.reserves.length],
  };
}

/** The services (their numbers) that run on a cluster. */
export function servicesOn(clusterName, layout = DEFAULT_LAYOUT) {
  const group = layout.groups.find(
    g => g.primary === clusterName || g.reserves.includes(clusterName),
  );
  return Array.from(
    { length: group.last - group.first + 1 },
    (_, k) => group.first + k,
  );
}

function ownerOf(i) {
  return i <= BIG_GROUP_SIZE
    ? BIG_GROUP
    : OTHER_GROUPS[(i - BIG_GROUP_SIZE - 1) % OTHER_GROUPS.length];
}

/** The catalog: the groups, the guest user and the first `entityCount` services. */
export function catalogEntities(entityCount, layout = DEFAULT_LAYOUT) {
  const groups = GROUPS.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [] },
  }));
  const guest = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest' },
    spec: { memberOf: [OTHER_GROUPS[0]] },
  };
  const components = [];
  for (let i = 1; i <= entityCount; i++) {
    const name = serviceName(i);
    const annotations = {
      'backstage.io/kubernetes-id': name,
      'backstage.io/kubernetes-namespace': name,
      'kube-reserve.io/site-config': `${name}-site,${name}-db-credentials`,
      'kube-reserve.io/external-services': `${name}-db`,
    };
    const pair = pairOf(i, layout);
    if (
      pair.primary !== layout.defaultPair.primary ||
      pair.reserve !== layout.defaultPair.reserves[0]
    ) {
      annotations[
        'kube-reserve.io/clusters'
      ] = `primary=${pair.primary},reserves=${pair.reserve}`;
    }
    components.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, description: `Benchmark service ${i}`, annotations },
      spec: { type: 'service', lifecycle: 'production', owner: ownerOf(i) },
    });
  }
  return [...groups, guest, ...components];
}
