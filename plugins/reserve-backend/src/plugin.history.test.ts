import {
  EntityHistory,
  OwnershipResponse,
} from '@kube-reserve/plugin-reserve-common';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

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

  it('records a change when a cluster fails, without anyone asking for the report, and says since when it is not ready', async () => {
    const before = await historyWhen('checkout', h => h.changes.length > 0);
    expect(before.changes).toHaveLength(1);
    const [first] = before.changes;
    expect(first.checks['topology.reachable']).toBe('pass');
    const firstVerdict = first.verdict;

    demo.sim.cluster('reserve-ams').faults.set({ refuseConnections: true });
    try {
      const after = await historyWhen('checkout', h =>
        h.changes.some(c => c.checks['topology.reachable'] === 'fail'),
      );
      const latest = after.changes[after.changes.length - 1];
      expect(latest.checks['topology.reachable']).toBe('fail');
      expect(latest.verdict).not.toBe('ready');
      expect(Date.parse(latest.at)).toBeGreaterThan(Date.parse(first.at));
      // Not ready since the failure, or since history began when it was not ready before.
      const wasReady = firstVerdict === 'ready';
      expect(after).toMatchObject({
        notReadySince: wasReady ? latest.at : first.at,
        notReadySinceComplete: wasReady,
      });
    } finally {
      demo.sim.cluster('reserve-ams').faults.clear();
    }
    const healed = await historyWhen(
      'checkout',
      h =>
        h.changes[h.changes.length - 1].checks['topology.reachable'] === 'pass',
    );
    expect(healed.changes[healed.changes.length - 1].verdict).toBe(
      firstVerdict,
    );
  });

  it("shows on the team's rollup where each service stood when first recorded", async () => {
    const res = await demo.get(
      '/api/reserve/ownership?group=group:default/team-payments',
    );
    expect(res.status).toBe(200);
    const body = res.body as OwnershipResponse;
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
