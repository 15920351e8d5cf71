import {
  ClusterSummary,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import {
  absentKinds,
  MATRIX_FAULTS,
  MatrixRow,
  matrixTable,
  recovered,
  servesWholeData,
} from './__testUtils__/faultMatrix';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(60_000);

// Reads answer from snapshots: a cluster in trouble may cost a collection its timeout, never
// a request. The margin covers a loaded CI machine.
const TIMEOUT_MS = fastRefresh.timeout.milliseconds;
const MARGIN_MS = 500;

const READ_PATHS = [
  '/api/reserve/clusters',
  '/api/reserve/entities/component/default/checkout/readiness',
  '/api/reserve/ownership?group=group:default/team-payments',
  '/api/reserve/entities/component/default/checkout/runbooks',
  '/api/reserve/entities/component/default/checkout/executions',
];

const SIDES = { primary: 'prod-fra', reserve: 'reserve-ams' } as const;

/** The checks of a result list that were judged: neither unknown nor absent. */
const judged = (checks: { id: string; state: string }[]) =>
  checks.filter(c => c.state !== 'unknown').map(c => c.id);

describe('the fault matrix: each fault on the primary and on a reserve', () => {
  let demo: DemoBackend;
  const rows: MatrixRow[] = [];
  // What was judged with every cluster healthy: platform checks per cluster, and the checks
  // of search-indexer, which runs on prod-fra and reserve-fra-b (so never on reserve-ams).
  let judgedPlatform: Record<string, string[]>;
  let absent: Record<string, string[]>;
  let judgedSearchIndexer: string[];

  const allRecovered = () =>
    demo.waitForClusterSummaries('every cluster recovered', all =>
      all.every(recovered),
    );
  const clusters = async (): Promise<ClusterSummary[]> =>
    (await demo.get('/api/reserve/clusters')).body.clusters;
  const readiness = async (name: string): Promise<EntityReport> =>
    (
      await demo.get(
        `/api/reserve/entities/component/default/${name}/readiness`,
      )
    ).body;

  beforeAll(async () => {
    demo = await startDemoBackend({ reserve: { refresh: fastRefresh } });
    await demo.waitForCatalog();
    await allRecovered();
    const healthy = await clusters();
    judgedPlatform = Object.fromEntries(
      healthy.map(c => [c.name, judged(c.platform?.checks ?? [])]),
    );
    absent = Object.fromEntries(healthy.map(c => [c.name, absentKinds(c)]));
    judgedSearchIndexer = judged((await readiness('search-indexer')).checks);
  });

  afterEach(async () => {
    // Switched off, and recovered from, before the next fault.
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());
    await allRecovered();
  });

  afterAll(async () => {
    process.stdout.write(`\n${matrixTable(rows, TIMEOUT_MS)}`);
    await demo?.stop();
  });

  const cases = MATRIX_FAULTS.flatMap(fault =>
    Object.entries(SIDES).map(
      ([side, cluster]) => [fault.name, side, { fault, cluster }] as const,
    ),
  );

  it.each(cases)(
    '%s on the %s: every read answers in time, the others stay whole, the fault is named',
    async (_name, side, { fault, cluster }) => {
      const row: MatrixRow = { fault: fault.name, side, pass: false };
      rows.push(row);
      demo.sim.cluster(cluster).faults.set(fault.faults);
      const seen = await demo.waitForClusterSummaries(
        `${cluster} showing ${fault.name}`,
        all => !!fault.seen(all.find(c => c.name === cluster)!),
      );
      row.seen = fault.seen(seen.find(c => c.name === cluster)!);

      const answers = [];
      for (const path of READ_PATHS) {
        const started = Date.now();
        const res = await demo.get(path);
        answers.push({ path, status: res.status, ms: Date.now() - started });
      }
      row.slowestMs = Math.max(...answers.map(a => a.ms));
      expect(
        answers.map(a => ({
          path: a.path,
          status: a.status,
          inTime: a.ms <= TIMEOUT_MS + MARGIN_MS,
        })),
      ).toEqual(READ_PATHS.map(path => ({ path, status: 200, inTime: true })));

      // The other clusters: whole data, and every platform check judged that was before.
      const others = (await clusters()).filter(c => c.name !== cluster);
      expect(
        others
          .filter(c => !servesWholeData(c, absent[c.name]))
          .map(c => ({ name: c.name, status: c.status })),
      ).toEqual([]);
      expect(
        others.map(c => ({ [c.name]: judged(c.platform?.checks ?? []) })),
      ).toEqual(others.map(c => ({ [c.name]: judgedPlatform[c.name] })));

      // The entity's report names the fault for its cluster and keeps the other one whole.
      const report = await readiness('checkout');
      expect(
        report.clusters
          .filter(c => c.name === cluster)
          .map(c => fault.seen(c) !== undefined),
      ).toEqual([true]);
      expect(
        report.clusters
          .filter(
            c => c.name !== cluster && !servesWholeData(c, absent[c.name]),
          )
          .map(c => c.name),
      ).toEqual([]);
      // An entity on none of the faulty clusters is judged as it was.
      const untouched = cluster === SIDES.reserve ? ['search-indexer'] : [];
      for (const name of untouched) {
        expect(judged((await readiness(name)).checks)).toEqual(
          judgedSearchIndexer,
        );
      }
      row.pass = true;
    },
  );
});
