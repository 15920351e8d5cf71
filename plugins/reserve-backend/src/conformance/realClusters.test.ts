import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ControlPlanes,
  KubeApi,
  KubeApiError,
  KubeObject,
  crdsOf,
  startControlPlanes,
} from '@kube-reserve/control-planes';
import {
  ActionExecution,
  ActionPlan,
  ActionStep,
  CheckResult,
  ClusterSummary,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import { Simulator } from '@kube-reserve/cluster-sim';
import { parseAllDocuments } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ClusterConnection } from '../clusters/ClusterConnection';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { COLLECTED_KINDS } from '../clusters/collectedKinds';
import { configMapValueHash } from '../__testUtils__/configMapHashes';
import { demoCatalogConfig, examplesDir } from '../__testUtils__/demoCatalog';
import {
  demoReserveConfig,
  startDemoClusters,
} from '../__testUtils__/startDemoBackend';
import {
  ClusterTargets,
  ReserveTestBackend,
  reserveConfig,
  startReserveBackend,
  waitFor,
} from '../__testUtils__/startReserveBackend';

jest.setTimeout(600_000);

const rbacDir = resolve(examplesDir, '../deploy/rbac');
// Three control planes and two backends share two CPUs: a listing may take seconds.
const looseRefresh = { frequency: { seconds: 3 }, timeout: { seconds: 15 } };

// A check's state and message with what differs between any two runs taken out: instants,
// ages and uids.
function comparable(check: CheckResult): string {
  return (
    `${check.state}: ${check.message}`
      // Fixture instants are relative to when each side loaded them, a minute or so apart.
      .replace(/\b\d+ (d|h|min|s)\b/g, '<n> $1')
      .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>')
      .replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        '<uid>',
      )
  );
}

/**
 * Where an object differs from what a merge patch sets (`null` removes a field): the paths whose
 * value is not the patch's.
 */
function patchDifferences(
  object: unknown,
  patch: unknown,
  path = '',
): string[] {
  if (patch && typeof patch === 'object' && !Array.isArray(patch)) {
    return Object.entries(patch).flatMap(([key, value]) =>
      patchDifferences(
        (object as Record<string, unknown> | undefined)?.[key],
        value,
        `${path}.${key}`,
      ),
    );
  }
  const expected = patch === null ? undefined : patch;
  return JSON.stringify(object) === JSON.stringify(expected)
    ? []
    : [`${path}: ${JSON.stringify(object)}, not ${JSON.stringify(expected)}`];
}

/**
 * Where cluster-sim and a real control plane are allowed to differ, each with why. Everything
 * else that differs is a simulator bug.
 */
const exceptions: {
  why: string;
  matches(service: string, check: string): boolean;
}[] = [
  {
    why: "A real API server reports its own version, v1.37.x as built from source: a fixture cannot choose it (cluster-sim answers the fixture's `version`), so the version checks are held to fixture versions on the simulator only.",
    matches: (_service, check) =>
      check === 'platform.version-supported' ||
      check === 'platform.version-skew',
  },
  {
    why: "cluster-sim runs Velero's controllers (a Schedule whose last run is older than its latest cron time runs at start, as Velero does); this test's control planes run no Velero (realVelero.test.ts runs it, and compares it with the simulator's), so their newest restore point is the fixture's.",
    matches: (_service, check) => check === 'backup.fresh',
  },
];

function manifests(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(resolve(rbacDir, file), 'utf8'))
    .map(doc => doc.toJS() as KubeObject)
    .filter(Boolean);
}

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** The collected kinds (their status keys) a rule grants, in Kubernetes' terms: group and resource. */
function kindsCoveredBy(rule: PolicyRule): string[] {
  return COLLECTED_KINDS.filter(kind => {
    const group = kind.apiVersion.includes('/')
      ? kind.apiVersion.split('/')[0]
      : '';
    const plural = kind.key.split('.')[0];
    return (
      (rule.apiGroups.includes(group) || rule.apiGroups.includes('*')) &&
      (rule.resources.includes(plural) || rule.resources.includes('*'))
    );
  }).map(kind => kind.key);
}

/** Applies a deploy/rbac manifest and answers the token its service-account Secret receives. */
async function installServiceAccount(
  admin: KubeApi,
  file: string,
): Promise<string> {
  return installObjects(admin, manifests(file));
}

/** Applies a service account's objects and answers the token its Secret gets. */
async function installObjects(
  admin: KubeApi,
  objects: KubeObject[],
): Promise<string> {
  for (const object of objects) await admin.apply(object);
  const secret = objects.find(o => o.kind === 'Secret')!;
  let token = '';
  await waitFor(
    `the token controller fills ${secret.metadata.name}`,
    async () => {
      const stored = await admin.request<{ data?: { token?: string } }>(
        'GET',
        `/api/v1/namespaces/${secret.metadata.namespace}/secrets/${secret.metadata.name}`,
      );
      token = Buffer.from(stored.data?.token ?? '', 'base64').toString();
      return token !== '';
    },
    60_000,
  );
  return token;
}

describe('deploy/rbac on real kube-apiservers', () => {
  let planes: ControlPlanes;
  let backend: ReserveTestBackend<ClusterTargets>;
  const readerTokens: Record<string, string> = {};
  // A list's continue token and a watch position taken at the start, expired at the end.
  const early = { continue: '', resourceVersion: '', at: 0 };
  const operatorTokens: Record<string, string> = {};
  let targets: ClusterTargets;

  beforeAll(async () => {
    const started = Date.now();
    planes = await startControlPlanes({
      fixturesDir: resolve(examplesDir, 'clusters'),
    });
    // eslint-disable-next-line no-console
    console.log(
      `control planes: ${planes.clusters.length} clusters up in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s (Kubernetes ${planes.versions.KUBERNETES_VERSION})`,
    );
    const fraB = planes.cluster('reserve-fra-b').admin;
    await fraB.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kr-expiry' },
    });
    for (const name of ['a', 'b', 'c']) {
      await fraB.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'kr-expiry' },
      });
    }
    const firstPage = await fraB.request<{
      metadata: { continue: string; resourceVersion: string };
    }>('GET', '/api/v1/namespaces/kr-expiry/configmaps?limit=1');
    Object.assign(early, firstPage.metadata, { at: Date.now() });
    for (const cluster of planes.clusters) {
      readerTokens[cluster.name] = await installServiceAccount(
        cluster.admin,
        'reserve-reader.yaml',
      );
      operatorTokens[cluster.name] = await installServiceAccount(
        cluster.admin,
        'reserve-operator.yaml',
      );
    }
    // The collector reads with the reader service account's own token and the actions write
    // with the operator's, nothing broader.
    targets = {
      caPem: planes.caPem,
      clusters: planes.clusters.map(cluster => ({
        name: cluster.name,
        url: cluster.url,
        token: (name?: string) => {
          if (name === 'reserve-reader') return readerTokens[cluster.name];
          if (name === 'reserve-operator') return operatorTokens[cluster.name];
          throw new Error(`no token ${name}`);
        },
      })),
      cluster: name => targets.clusters.find(c => c.name === name)!,
    };
    // This backend lists every kind every cycle: the RBAC test below revokes rules, and a real
    // API server checks RBAC when a watch starts and carries open watches on, so a watched kind
    // would turn forbidden only when its watch times out, minutes later. The collector's
    // watches are tested on their own below.
    backend = await startReserveBackend({
      sim: targets,
      reserve: {
        ...demoReserveConfig,
        refresh: { ...looseRefresh, watch: false },
      },
      catalog: demoCatalogConfig,
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await planes?.stop();
  });

  const summaries = async (): Promise<ClusterSummary[]> =>
    (await backend.get('/api/reserve/clusters')).body.clusters;
  const kindStates = (summary: ClusterSummary) =>
    Object.fromEntries(
      Object.entries(summary.status.kinds).map(([key, kind]) => [
        key,
        kind.state,
      ]),
    );

  it('lets the collector list every kind on every cluster with kube-reserve-reader alone', async () => {
    await backend.waitForClusters(states =>
      Object.values(states).every(state => state === 'ok'),
    );
    const last = await summaries();
    for (const summary of last) {
      const states = kindStates(summary);
      const refused = Object.entries(states).filter(
        ([, state]) => state === 'forbidden' || state === 'failed',
      );
      expect({ cluster: summary.name, refused }).toEqual({
        cluster: summary.name,
        refused: [],
      });
    }
  });

  it('needs every rule of kube-reserve-reader: without one, exactly the kinds it grants are forbidden', async () => {
    const role = manifests('reserve-reader.yaml').find(
      o => o.kind === 'ClusterRole',
    )! as KubeObject & { rules: PolicyRule[] };
    const cluster = planes.cluster('prod-fra');
    const results: string[] = [];
    try {
      for (let i = 0; i < role.rules.length; i++) {
        const expected = kindsCoveredBy(role.rules[i]).sort();
        const rule = `${
          role.rules[i].apiGroups.join(',') || 'core'
        }: ${role.rules[i].resources.join(',')}`;
        // A rule granting nothing the collector lists would be a rule too many.
        expect({ rule, grants: expected.length > 0 }).toEqual({
          rule,
          grants: true,
        });
        await cluster.admin.apply({
          ...role,
          rules: role.rules.filter((_r, j) => j !== i),
        });
        let forbidden: string[] = [];
        await waitFor(
          `prod-fra's ${expected.join(', ')} forbidden`,
          async () => {
            const prod = (await summaries()).find(c => c.name === 'prod-fra')!;
            forbidden = Object.entries(kindStates(prod))
              .filter(([, state]) => state === 'forbidden')
              .map(([key]) => key)
              .sort();
            return forbidden.join() === expected.join();
          },
          30_000,
        ).catch(() => undefined);
        expect({ rule, forbidden }).toEqual({ rule, forbidden: expected });
        results.push(`${rule} → ${forbidden.join(', ')}`);
      }
    } finally {
      await cluster.admin.apply(role);
    }
    // The whole role again: nothing forbidden once prod-fra is collected anew.
    await waitFor(
      "prod-fra's kinds listed again",
      async () => {
        const prod = (await summaries()).find(c => c.name === 'prod-fra')!;
        return Object.values(kindStates(prod)).every(s => s !== 'forbidden');
      },
      30_000,
    );
    // eslint-disable-next-line no-console
    console.log(
      `rbac: removing each of ${
        role.rules.length
      } rules of kube-reserve-reader forbade exactly its kinds:\n  ${results.join(
        '\n  ',
      )}`,
    );
  });

  describe('the differential test: the same fixtures on cluster-sim and on real control planes', () => {
    let sim: Simulator;
    let simBackend: ReserveTestBackend;

    beforeAll(async () => {
      sim = await startDemoClusters();
      simBackend = await startReserveBackend({
        sim,
        reserve: { ...demoReserveConfig, refresh: looseRefresh },
        catalog: demoCatalogConfig,
      });
      await simBackend.waitForComponents(10);
      await simBackend.waitForClusters(s =>
        Object.values(s).every(state => state === 'ok'),
      );
    });
    afterAll(async () => {
      await simBackend?.stop();
      await sim?.stop();
    });

    it('gives every demo service the same checks, states and messages, apart from the documented exceptions', async () => {
      await backend.waitForComponents(10);
      // Both sides fully collected just now, so a listing that timed out on a loaded machine
      // is not taken for a difference.
      const allOk = (states: Record<string, string>) =>
        Object.values(states).every(state => state === 'ok');
      await Promise.all([
        backend.waitForClusters(allOk),
        simBackend.waitForClusters(allOk),
      ]);
      const services = (
        await backend.get(
          '/api/catalog/entities/by-query?filter=kind=component&limit=50',
        )
      ).body.items.map((e: { metadata: { name: string } }) => e.metadata.name);
      const differences: string[] = [];
      const excused: string[] = [];
      for (const name of services.sort()) {
        const path = `/api/reserve/entities/component/default/${name}/readiness`;
        const [simulated, real] = await Promise.all([
          simBackend.get(path),
          backend.get(path),
        ]);
        expect([simulated.status, real.status]).toEqual([200, 200]);
        for (const check of (simulated.body as EntityReport).checks) {
          const other = (real.body as EntityReport).checks.find(
            c => c.id === check.id,
          );
          const a = comparable(check);
          const b = other ? comparable(other) : 'missing';
          if (a === b) continue;
          const line = `${name} ${check.id}: sim ${a} | real ${b}`;
          (exceptions.some(e => e.matches(name, check.id))
            ? excused
            : differences
          ).push(line);
        }
      }
      // eslint-disable-next-line no-console
      console.log(
        `differential: ${services.length} services, ${
          differences.length
        } differences, ${excused.length} documented exceptions\n  ${[
          ...differences,
          ...excused.map(l => `(exception) ${l}`),
        ].join('\n  ')}`,
      );
      expect(differences).toEqual([]);
    });

    it('delivers the same watch events: a ConfigMap created, changed, then relabelled out of the selector', async () => {
      const sides = {
        sim: new KubeApi(
          sim.cluster('reserve-fra-b').url,
          sim.cluster('reserve-fra-b').token(),
          sim.caPem,
        ),
        real: planes.cluster('reserve-fra-b').admin,
      };
      const collection = '/api/v1/namespaces/default/configmaps';
      const selector = 'labelSelector=kr-watch%3Dyes';
      const seen: Record<string, string[]> = {};
      for (const [side, api] of Object.entries(sides)) {
        const listed = await api.request<{
          metadata: { resourceVersion: string };
        }>('GET', `${collection}?${selector}`);
        const watch = await api.watch(
          `${collection}?watch=true&${selector}&resourceVersion=${listed.metadata.resourceVersion}`,
        );
        try {
          const versions = [
            await api.request<KubeObject>('POST', collection, {
              metadata: { name: 'kr-watched', labels: { 'kr-watch': 'yes' } },
              data: { n: '1' },
            }),
            await api.request<KubeObject>(
              'PATCH',
              `${collection}/kr-watched`,
              { data: { n: '2' } },
              'application/merge-patch+json',
            ),
            await api.request<KubeObject>(
              'PATCH',
              `${collection}/kr-watched`,
              { metadata: { labels: { 'kr-watch': 'no' } } },
              'application/merge-patch+json',
            ),
          ].map(object => object.metadata.resourceVersion);
          const events = await watch.events(3);
          seen[side] = events.map(
            ({ type, object }, i) =>
              `${type} ${object.metadata.name} n=${
                (object.data as { n: string }).n
              } kr-watch=${object.metadata.labels?.['kr-watch']} ${
                object.metadata.resourceVersion === versions[i]
                  ? 'at its change'
                  : `at ${object.metadata.resourceVersion}, not ${versions[i]}`
              }`,
          );
        } finally {
          watch.close();
          await api.request('DELETE', `${collection}/kr-watched`);
        }
      }
      // An object leaving a watch's selector is DELETED for that watch, carrying its last
      // selected state at the change's resourceVersion (k8s.io/apiserver's cacher).
      expect(seen).toEqual({
        real: [
          'ADDED kr-watched n=1 kr-watch=yes at its change',
          'MODIFIED kr-watched n=2 kr-watch=yes at its change',
          'DELETED kr-watched n=2 kr-watch=yes at its change',
        ],
        sim: seen.real,
      });
    });
  });

  describe("the API server's paging and discovery, as the collector meets them", () => {
    const pages = 'kr-pages';

    it("lists past a page by the API server's continue tokens", async () => {
      const cluster = planes.cluster('reserve-fra-b');
      const { admin } = cluster;
      await admin.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: pages },
      });
      // Two and a half pages of the collector's 500.
      const total = 1250;
      for (let i = 0; i < total; i += 125) {
        await Promise.all(
          Array.from({ length: 125 }, (_x, j) =>
            admin.request('POST', `/api/v1/namespaces/${pages}/configmaps`, {
              metadata: { name: `page-${i + j}` },
              data: { n: String(i + j) },
            }),
          ),
        );
      }
      const connection = await ClusterConnection.create(
        {
          name: cluster.name,
          url: cluster.url,
          token: readerTokens[cluster.name],
          caData: Buffer.from(planes.caPem).toString('base64'),
          skipTLSVerify: false,
        },
        30_000,
      );
      const names = (await connection.list('v1', 'ConfigMap', pages)).map(
        item => item.metadata?.name ?? '',
      );
      // Each page-n once, beside the kube-root-ca.crt every namespace gets from the controller
      // manager.
      expect(names.filter(name => name.startsWith('page-'))).toHaveLength(
        total,
      );
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('kube-root-ca.crt');
      // It took pages: the API server's first page of 500 carries a continue token.
      const page = await admin.request<{ metadata: { continue?: string } }>(
        'GET',
        `/api/v1/namespaces/${pages}/configmaps?limit=500`,
      );
      expect(page.metadata.continue).toBeTruthy();
    });

    it('sees a CRD installed after it started: certificates on reserve-fra-b go from absent to listed', async () => {
      const cluster = planes.cluster('reserve-fra-b');
      const certificates = async () =>
        (await summaries()).find(c => c.name === cluster.name)!.status.kinds[
          'certificates.cert-manager.io'
        ]?.state;
      expect(await certificates()).toBe('absent');
      const crds = crdsOf('cert-manager');
      for (const crd of crds) await cluster.admin.apply(crd);
      try {
        await waitFor(
          'certificates listed on reserve-fra-b',
          async () => (await certificates()) === 'ok',
          60_000,
        );
      } finally {
        for (const crd of crds) {
          await cluster.admin.request(
            'DELETE',
            `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
          );
        }
      }
      await waitFor(
        'certificates absent again on reserve-fra-b',
        async () => (await certificates()) === 'absent',
        60_000,
      );
    });
  });

  describe("the collector's watches on kube-apiserver", () => {
    let snapshots: ClusterSnapshots | undefined;
    afterEach(() => snapshots?.stop());

    // A collector of every cluster reading with `token(cluster)`, collected once.
    const collector = async (token: (cluster: string) => string) => {
      const config = reserveConfig({
        sim: {
          ...targets,
          clusters: targets.clusters.map(cluster => ({
            ...cluster,
            token: (name?: string) =>
              name === 'reserve-reader'
                ? token(cluster.name)
                : cluster.token(name),
          })),
        },
        reserve: { ...demoReserveConfig, refresh: looseRefresh },
      });
      snapshots = ClusterSnapshots.create({
        registry: ClusterRegistry.fromConfig(new ConfigReader(config)),
        logger: mockServices.logger.mock(),
      });
      await snapshots.collectAll();
      return snapshots;
    };
    const okKinds = (s: ClusterSnapshots, cluster: string) =>
      Object.entries(s.snapshot(cluster).status.kinds).filter(
        ([, kind]) => kind.state === 'ok',
      );

    it('watches every kind with kube-reserve-reader: a ConfigMap created, changed and deleted shows within 2 s each, without a collection', async () => {
      const s = await collector(name => readerTokens[name]);
      await waitFor('every kind on prod-fra watched', async () =>
        okKinds(s, 'prod-fra').every(([, kind]) => kind.collection === 'watch'),
      );
      expect(okKinds(s, 'prod-fra').length).toBeGreaterThan(15);
      const { admin } = planes.cluster('prod-fra');
      const configMaps = '/api/v1/namespaces/checkout/configmaps';
      const colour = () =>
        (
          s
            .snapshot('prod-fra')
            .kinds.get('configmaps')
            ?.items.find(item => item.metadata?.name === 'kr-watched') as
            | { keyHashes?: { colour?: string } }
            | undefined
        )?.keyHashes?.colour;
      const timings: string[] = [];
      const step = async (
        what: string,
        change: () => Promise<unknown>,
        seen: () => boolean,
      ) => {
        const started = Date.now();
        await change();
        await waitFor(what, async () => seen(), 2_000);
        timings.push(`${what} ${Date.now() - started} ms`);
      };
      await step(
        'created',
        () =>
          admin.request('POST', configMaps, {
            metadata: { name: 'kr-watched' },
            data: { colour: 'blue' },
          }),
        () => colour() === configMapValueHash('blue'),
      );
      await step(
        'changed',
        () =>
          admin.request(
            'PATCH',
            `${configMaps}/kr-watched`,
            { data: { colour: 'green' } },
            'application/merge-patch+json',
          ),
        () => colour() === configMapValueHash('green'),
      );
      await step(
        'deleted',
        () => admin.request('DELETE', `${configMaps}/kr-watched`),
        () => colour() === undefined,
      );
      // eslint-disable-next-line no-console
      console.log(
        `watch: a change reached the snapshot: ${timings.join(', ')}`,
      );
    });

    it('lists every cycle, saying why, what a role without the watch verb lets it list', async () => {
      const cluster = planes.cluster('prod-fra');
      const reader = manifests('reserve-reader.yaml');
      const listOnly = 'kr-list-only';
      const objects = reader.map(object => {
        const renamed = {
          ...object,
          metadata: { ...object.metadata, name: listOnly },
        } as KubeObject & Record<string, any>;
        if (object.kind === 'ClusterRole') {
          renamed.rules = (
            object as KubeObject & { rules: PolicyRule[] }
          ).rules.map(rule => ({
            ...rule,
            verbs: rule.verbs.filter(verb => verb !== 'watch'),
          }));
        }
        if (object.kind === 'ClusterRoleBinding') {
          renamed.roleRef = { ...renamed.roleRef, name: listOnly };
          renamed.subjects = renamed.subjects.map((subject: object) => ({
            ...subject,
            name: listOnly,
          }));
        }
        if (object.kind === 'Secret') {
          renamed.metadata.annotations = {
            ...renamed.metadata.annotations,
            'kubernetes.io/service-account.name': listOnly,
          };
        }
        return renamed;
      });
      const token = await installObjects(cluster.admin, objects);
      const s = await collector(name =>
        name === 'prod-fra' ? token : readerTokens[name],
      );
      // Each watch is refused as it is opened; the next collection says so.
      await waitFor('every watch on prod-fra refused', async () => {
        await s.collectAll();
        return okKinds(s, 'prod-fra').every(([, kind]) =>
          kind.pollReason?.startsWith('the cluster refuses'),
        );
      });
      const kinds = okKinds(s, 'prod-fra');
      expect(kinds.length).toBeGreaterThan(15);
      for (const [key, kind] of kinds) {
        expect({ key, collection: kind.collection }).toEqual({
          key,
          collection: 'poll',
        });
        expect(kind.pollReason).toEqual(
          expect.stringMatching(/; watching again in \d+ s$/),
        );
        expect(kind.pollReason).toContain(
          `the cluster refuses to watch ${key} (`,
        );
      }
    });
  });

  describe('actions with kube-reserve-operator alone', () => {
    const checkout = '/api/reserve/entities/component/default/checkout';

    const plan = async (action: string): Promise<ActionPlan> => {
      const res = await backend.post(`${checkout}/actions/${action}/plan`, {});
      expect(res.status).toBe(200);
      return res.body;
    };
    const start = async (planned: ActionPlan): Promise<string> => {
      const started = await backend.post(
        `${checkout}/actions/${planned.action}/executions`,
        { planId: planned.id, confirmation: 'checkout' },
      );
      expect(started.status).toBe(202);
      return started.body.id;
    };
    const execution = async (id: string): Promise<ActionExecution> =>
      (await backend.get(`/api/reserve/executions/${id}`)).body;
    const finished = async (id: string): Promise<ActionExecution> => {
      let last = await execution(id);
      await waitFor(
        `the ${last.action} of checkout to finish`,
        async () => (last = await execution(id)).state !== 'running',
        180_000,
      );
      return last;
    };
    const run = async (planned: ActionPlan) => finished(await start(planned));
    /** Waits until the run reaches the plan's first wait step, which needs Velero's controller. */
    const waitingForVelero = async (id: string, planned: ActionPlan) => {
      const wait = planned.steps.find(step => step.kind === 'wait')!;
      await waitFor(
        `the run to wait: ${wait.title}`,
        async () => (await execution(id)).steps[wait.index].state === 'running',
        60_000,
      );
    };
    const createSteps = (planned: ActionPlan) =>
      planned.steps.filter(step => step.kind === 'create');
    // The object a step changed, read back with the admin token.
    const read = (step: ActionStep) =>
      planes
        .cluster(step.cluster!)
        .admin.request<KubeObject>(
          'GET',
          planes
            .cluster(step.cluster!)
            .admin.pathOf(
              step.object!.apiVersion,
              step.object!.kind,
              step.object!.namespace,
              step.object!.name,
            ),
        );
    const patchSteps = (planned: ActionPlan) =>
      planned.steps.filter(step => step.kind === 'patch');

    it('fails checkout over and back: the planned patches land, applying them again changes nothing, the report follows', async () => {
      const failover = await plan('failover');
      expect(patchSteps(failover).length).toBeGreaterThan(0);
      const done = await run(failover);
      expect({ state: done.state, message: done.message }).toEqual({
        state: 'succeeded',
        message: done.message,
      });
      for (const step of patchSteps(failover)) {
        const object = await read(step);
        expect({
          step: step.title,
          differs: patchDifferences(object, step.after),
        }).toEqual({
          step: step.title,
          differs: [],
        });
        // The same merge patch again, as a resumed run would send it: a real API server
        // stores nothing new (the resourceVersion stays).
        const cluster = planes.cluster(step.cluster!);
        const again = await new KubeApi(
          cluster.url,
          operatorTokens[cluster.name],
          planes.caPem,
        ).request<KubeObject>(
          'PATCH',
          cluster.admin.pathOf(
            step.object!.apiVersion,
            step.object!.kind,
            step.object!.namespace,
            step.object!.name,
          ),
          step.after,
          'application/merge-patch+json',
        );
        expect(again.metadata.resourceVersion).toBe(
          object.metadata.resourceVersion,
        );
      }
      const report: EntityReport = (await backend.get(`${checkout}/readiness`))
        .body;
      expect(report.failover?.servingCluster).toBe('reserve-ams');

      const failback = await plan('failback');
      const back = await run(failback);
      expect(back.state).toBe('succeeded');
      for (const step of patchSteps(failover)) {
        const object = await read(step);
        expect({
          step: step.title,
          differs: patchDifferences(object, step.before),
        }).toEqual({ step: step.title, differs: [] });
      }
    });

    it('changes nothing when the operator is bound to the reader role: the run fails naming what was forbidden', async () => {
      const operatorBinding = manifests('reserve-operator.yaml').find(
        o => o.kind === 'ClusterRoleBinding',
      )! as KubeObject & { roleRef: { name: string } };
      const asReader = {
        ...operatorBinding,
        roleRef: { ...operatorBinding.roleRef, name: 'kube-reserve-reader' },
      };
      // roleRef cannot change: the binding is deleted and made again, on every cluster.
      const rebind = async (binding: KubeObject) => {
        for (const cluster of planes.clusters) {
          const path = cluster.admin.pathOf(
            'rbac.authorization.k8s.io/v1',
            'ClusterRoleBinding',
            undefined,
            binding.metadata.name,
          );
          await cluster.admin.request('DELETE', path);
          await cluster.admin.apply(binding);
        }
      };
      const failover = await plan('failover');
      const before = await Promise.all(patchSteps(failover).map(read));
      await rebind(asReader);
      try {
        const refused = await run(failover);
        expect(refused.state).toBe('failed');
        expect(refused.message).toMatch(
          /forbidden: User "system:serviceaccount:kube-system:kube-reserve-operator" cannot patch resource/,
        );
        const after = await Promise.all(patchSteps(failover).map(read));
        expect(after.map(o => o.metadata.resourceVersion)).toEqual(
          before.map(o => o.metadata.resourceVersion),
        );
      } finally {
        await rebind(operatorBinding);
      }
    });

    // No Velero runs on these control planes (realVelero.test.ts has it): the actions go as far
    // as Velero's controller, whose part (it writes a Backup's or Restore's status with the
    // object, Velero's CRDs have no status subresource) the test then plays.
    it("backs checkout up now: the API server stores the Backup velero's --from-schedule makes, and the run follows it to Completed", async () => {
      const planned = await plan('backup-now');
      const [create] = createSteps(planned);
      const id = await start(planned);
      await waitingForVelero(id, planned);
      const stored = await read(create);
      // Velero's CRD (structural, pruning unknown fields) keeps every field as planned.
      expect(patchDifferences(stored, create.manifest)).toEqual([]);
      const now = Date.now();
      await planes.cluster(create.cluster!).admin.request(
        'PATCH',
        planes
          .cluster(create.cluster!)
          .admin.pathOf(
            'velero.io/v1',
            'Backup',
            create.object!.namespace,
            create.object!.name,
          ),
        {
          status: {
            phase: 'Completed',
            version: 1,
            formatVersion: '1.1.0',
            startTimestamp: new Date(now - 20_000).toISOString(),
            completionTimestamp: new Date(now).toISOString(),
            expiration: new Date(now + 30 * 86_400_000).toISOString(),
          },
        },
        'application/merge-patch+json',
      );
      const done = await finished(id);
      expect({ state: done.state, message: done.message }).toEqual({
        state: 'succeeded',
        message: done.message,
      });
      expect(done.steps.at(-1)!.output).toBe(
        `Backup velero/${create.object!.name} is Completed`,
      );
    });

    it('drills checkout on reserve-ams up to Velero: scratch namespace and Restore as planned; a Restore Velero refuses is recorded, the namespace removed', async () => {
      const planned = await plan('restore-drill');
      const [namespace, restore] = createSteps(planned);
      expect(namespace.object).toMatchObject({
        kind: 'Namespace',
        name: 'checkout-drill',
      });
      const id = await start(planned);
      await waitingForVelero(id, planned);
      for (const step of [namespace, restore]) {
        expect({
          step: step.title,
          differs: patchDifferences(await read(step), step.manifest),
        }).toEqual({ step: step.title, differs: [] });
      }
      // What Velero's restore controller writes when the backup is no longer in the bucket.
      const backupName = (restore.manifest as { spec: { backupName: string } })
        .spec.backupName;
      const reason = `Error retrieving backup: backups.velero.io "${backupName}" not found`;
      const reserve = planes.cluster('reserve-ams').admin;
      await reserve.request(
        'PATCH',
        reserve.pathOf(
          'velero.io/v1',
          'Restore',
          restore.object!.namespace,
          restore.object!.name,
        ),
        { status: { phase: 'FailedValidation', validationErrors: [reason] } },
        'application/merge-patch+json',
      );
      const done = await finished(id);
      expect(done.state).toBe('failed');
      expect(done.message).toContain(`ended FailedValidation: ${reason}`);
      // The drill is recorded and the scratch namespace deleted even so.
      expect(
        done.steps
          .filter(step => planned.steps[step.index].always)
          .map(step => step.state),
      ).toEqual(['succeeded', 'succeeded']);
      // A real namespace goes Terminating, then the controller manager empties and removes it.
      await waitFor(
        'checkout-drill removed from reserve-ams',
        async () =>
          !(await reserve.exists('/api/v1/namespaces/checkout-drill')),
        120_000,
      );
      const report: EntityReport = (await backend.get(`${checkout}/readiness`))
        .body;
      expect(
        report.backups?.drills.find(
          drill => drill.restoreName === restore.object!.name,
        ),
      ).toMatchObject({ cluster: 'reserve-ams', phase: 'FailedValidation' });
    });
  });

  describe('positions the API server no longer holds', () => {
    it('answers 410 Expired to an old continue token and an old watch, as cluster-sim does and the collector expects', async () => {
      const { admin } = planes.cluster('reserve-fra-b');
      const configMaps = '/api/v1/namespaces/kr-expiry/configmaps';
      // The API server answers from its watch cache, which keeps every event younger than 75 s
      // and then a bounded number: wait that long, push the first page's resourceVersion out
      // with 2,000 writes, and compact etcd behind it as the API server does every 5 minutes.
      await new Promise(r =>
        setTimeout(r, Math.max(0, early.at + 80_000 - Date.now())),
      );
      for (let i = 0; i < 2000; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_x, j) =>
            admin.request(
              'PATCH',
              `${configMaps}/a`,
              { data: { n: String(i + j) } },
              'application/merge-patch+json',
            ),
          ),
        );
      }
      const etcd = async (call: string, body: object) =>
        (
          await fetch(`${planes.etcdUrl}/v3/kv/${call}`, {
            method: 'POST',
            body: JSON.stringify(body),
          })
        ).json() as Promise<{ header: { revision: string } }>;
      const { header } = await etcd('range', { key: 'YQ==' });
      await etcd('compaction', { revision: header.revision, physical: true });

      const refused = await admin
        .request('GET', `${configMaps}?limit=1&continue=${early.continue}`)
        .then(
          () => undefined,
          error => error as KubeApiError,
        );
      expect(refused?.status).toBe(410);
      const status = JSON.parse(refused!.body);
      expect(status).toMatchObject({
        kind: 'Status',
        reason: 'Expired',
        code: 410,
        message: expect.stringMatching(
          /^The provided continue parameter is too old to display a consistent list result\./,
        ),
      });
      // The token it carries pages on through today's state.
      const rest = await admin.request<{ items: KubeObject[] }>(
        'GET',
        `${configMaps}?limit=5&continue=${status.metadata.continue}`,
      );
      expect(rest.items.map(item => item.metadata.name)).toEqual([
        'b',
        'c',
        'kube-root-ca.crt',
      ]);

      const watch = await admin.watch(
        `${configMaps}?watch=true&resourceVersion=${early.resourceVersion}`,
      );
      try {
        const [event] = await watch.events(1);
        expect(event).toMatchObject({
          type: 'ERROR',
          object: { kind: 'Status', reason: 'Expired', code: 410 },
        });
        expect(event.object.message).toMatch(/^too old resource version: /);
      } finally {
        watch.close();
      }
    });
  });
});
