import {
  EntityHistory,
  OwnershipResponse,
} from '@kube-reserve/plugin-reserve-common';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';
import { waitFor } from './__testUtils__/startReserveBackend';

jest.setTimeout(90_000);

// Readiness history through the running plugin: the keeper judges every entity on its own,
// and each change is a row, whether or not anyone asks for the report.
describe('readiness history', () => {
  let demo: DemoBackend;

  beforeAll(async () => {
    demo = await startDemoBackend({
      reserve: {
        refresh: {
          ...fastRefresh,
          catalog: { seconds: 1 },
          reports: { milliseconds: 500 },
        },
      },
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(states =>
      Object.values(states).every(s => s === 'ok'),
    );
  });

  afterAll(async () => {
    await demo?.stop();
  });

  const history = async (name: string, query = '') => {
    const res = await demo.get(
      `/api/reserve/entities/component/default/${name}/history${query}`,
    );
    return res;
  };

  const historyWhen = async (
    name: string,
    condition: (body: EntityHistory) => boolean,
  ): Promise<EntityHistory> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await history(name);
      expect(res.status).toBe(200);
      if (condition(res.body) || Date.now() > deadline) return res.body;
      await new Promise(r => setTimeout(r, 200));
    }
  };

  const last = (h: EntityHistory) => h.changes[h.changes.length - 1];

  // Since when the entity is not ready: the first of the trailing rows that are not ready;
  // complete when a ready row comes before them.
  const notReadyRun = (h: EntityHistory) => {
    let i = h.changes.length;
    while (i > 0 && h.changes[i - 1].verdict !== 'ready') i--;
    return { since: h.changes[i]?.at, complete: i > 0 };
  };

  it('records a change when a cluster fails, without anyone asking for the report, and says since when it is not ready', async () => {
    // On a loaded machine the first report may be judged while a kind's first listing timed
    // out (reachable: warn): the baseline is the latest row with every cluster answering.
    const before = await historyWhen(
      'checkout',
      h =>
        h.changes.length > 0 && last(h).checks['topology.reachable'] === 'pass',
    );
    const baseline = last(before);
    expect(baseline.checks['topology.reachable']).toBe('pass');

    demo.sim.cluster('reserve-ams').faults.set({ refuseConnections: true });
    try {
      const after = await historyWhen('checkout', h =>
        h.changes.some(
          c =>
            Date.parse(c.at) > Date.parse(baseline.at) &&
            c.checks['topology.reachable'] === 'fail',
        ),
      );
      const latest = last(after);
      expect(latest.checks['topology.reachable']).toBe('fail');
      expect(latest.verdict).not.toBe('ready');
      expect(Date.parse(latest.at)).toBeGreaterThan(Date.parse(baseline.at));
      // Not ready since the failure when it was ready before, else since its not-ready run began.
      const run = notReadyRun(after);
      expect(run.since).toBe(
        baseline.verdict === 'ready' ? latest.at : run.since,
      );
      expect(after).toMatchObject({
        notReadySince: run.since,
        notReadySinceComplete: run.complete,
      });
    } finally {
      demo.sim.cluster('reserve-ams').faults.clear();
    }
    const healed = await historyWhen(
      'checkout',
      h => last(h).checks['topology.reachable'] === 'pass',
    );
    expect(last(healed).verdict).toBe(baseline.verdict);
  });

  it("shows on the team's rollup where each service stood when first recorded", async () => {
    const rollup = async () => {
      const res = await demo.get(
        '/api/reserve/ownership?group=group:default/team-payments',
      );
      expect(res.status).toBe(200);
      return res.body as OwnershipResponse;
    };
    // Each service once the keeper has recorded it (within a pass or two).
    let body = await rollup();
    await waitFor('every service of team-payments recorded', async () => {
      body = await rollup();
      return body.entities.every(row => row.movement);
    });
    expect(body.entities.length).toBeGreaterThan(0);
    for (const row of body.entities) {
      expect(row.movement).toMatchObject({
        days: 30,
        score: expect.any(Number),
        verdict: expect.any(String),
      });
    }
  });

  it('refuses a window that is not 1 to 366 days, naming days', async () => {
    for (const days of ['0', '367', 'abc', '-1']) {
      const res = await history('checkout', `?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/days must be a whole number/);
    }
    const week = await history('checkout', '?days=7');
    expect(week.status).toBe(200);
    expect(week.body.days).toBe(7);
  });

  it('answers 404 for an entity not in the catalog, and 400 for a kind without workloads', async () => {
    expect((await history('no-such-service')).status).toBe(404);
    const res = await demo.get(
      '/api/reserve/entities/group/default/team-payments/history',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/history applies to kinds/);
  });
});
