import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Verdict } from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseHistoryStore } from './DatabaseHistoryStore';
import { ObservedState } from './HistoryStore';

jest.setTimeout(60_000);

const shop = 'component:default/shop';
const cart = 'component:default/cart';
const start = Date.parse('2026-12-07T10:00:00.000Z');
const daysIn = (days: number) => new Date(start + days * 24 * 60 * 60_000);

// The state of `entityRef` judged `day` days after the start.
const state = (
  entityRef: string,
  day: number,
  verdict: Verdict,
  score: number,
  backupFresh: 'pass' | 'fail' = verdict === 'ready' ? 'pass' : 'fail',
): ObservedState => ({
  entityRef,
  at: daysIn(day).toISOString(),
  verdict,
  score,
  checks: { 'backup.fresh': backupFresh, 'parity.images': 'pass' },
});

describe('DatabaseHistoryStore', () => {
  const databases = storeDatabases();

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = { getClient: async () => knex };
    return {
      knex,
      database,
      store: await DatabaseHistoryStore.create({ database }),
    };
  }

  it.each(databases.eachSupportedId())(
    'records a state once, and each change of verdict, score or a check state, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      expect(await store.recordChanges([state(shop, 0, 'ready', 100)])).toEqual(
        [shop],
      );
      // Judged again, unchanged: nothing recorded, whatever the time.
      expect(await store.recordChanges([state(shop, 1, 'ready', 100)])).toEqual(
        [],
      );
      // A check state alone changes.
      expect(
        await store.recordChanges([
          {
            ...state(shop, 2, 'ready', 100),
            checks: { 'backup.fresh': 'pass', 'parity.images': 'warn' },
          },
        ]),
      ).toEqual([shop]);
      expect(
        await store.recordChanges([
          state(shop, 3, 'not-ready', 40),
          state(cart, 3, 'ready', 90),
        ]),
      ).toEqual([shop, cart]);

      const changes = await store.listChanges(shop, daysIn(-1));
      expect(changes.map(c => [c.at, c.verdict, c.score])).toEqual([
        [daysIn(0).toISOString(), 'ready', 100],
        [daysIn(2).toISOString(), 'ready', 100],
        [daysIn(3).toISOString(), 'not-ready', 40],
      ]);
      expect(changes[1].checks).toEqual({
        'backup.fresh': 'pass',
        'parity.images': 'warn',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'records a change once when two instances judge it at the same time, %p',
    async databaseId => {
      const { database } = await createStore(databaseId);
      const [first, second] = await Promise.all([
        DatabaseHistoryStore.create({ database }),
        DatabaseHistoryStore.create({ database }),
      ]);
      await first.recordChanges([state(shop, 0, 'ready', 100)]);
      const recorded = await Promise.all([
        first.recordChanges([state(shop, 1, 'not-ready', 40)]),
        second.recordChanges([state(shop, 1.001, 'not-ready', 40)]),
      ]);
      expect(recorded.flat()).toEqual([shop]);
      expect(
        (await first.listChanges(shop, daysIn(-1))).map(c => c.verdict),
      ).toEqual(['ready', 'not-ready']);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists a window with the state in force when it began, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (const [day, verdict, score] of [
        [0, 'ready', 100],
        [10, 'at-risk', 80],
        [20, 'ready', 100],
      ] as const) {
        await store.recordChanges([state(shop, day, verdict, score)]);
      }
      const changes = await store.listChanges(shop, daysIn(15));
      expect(changes.map(c => [c.at, c.verdict])).toEqual([
        [daysIn(10).toISOString(), 'at-risk'],
        [daysIn(20).toISOString(), 'ready'],
      ]);
      expect(await store.listChanges(cart, daysIn(15))).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'says since when an entity has not been ready, and whether history reaches further, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordChanges([state(shop, 0, 'not-ready', 30)]);
      // Nothing older than the first record: it may have been not ready for longer.
      expect(await store.notReadySince(shop)).toEqual({
        since: daysIn(0).toISOString(),
        complete: false,
      });
      await store.recordChanges([state(shop, 1, 'ready', 100)]);
      expect(await store.notReadySince(shop)).toBeUndefined();
      await store.recordChanges([state(shop, 2, 'at-risk', 80)]);
      await store.recordChanges([state(shop, 3, 'not-ready', 20)]);
      // At risk, then not ready: not ready without a break since day 2.
      expect(await store.notReadySince(shop)).toEqual({
        since: daysIn(2).toISOString(),
        complete: true,
      });
      expect(await store.notReadySince(cart)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the state in force at a time, or the first one after it, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.recordChanges([
        state(shop, 0, 'ready', 100),
        state(cart, 20, 'at-risk', 70),
      ]);
      await store.recordChanges([state(shop, 5, 'not-ready', 40)]);
      await store.recordChanges([state(shop, 15, 'at-risk', 60)]);
      const then = await store.statesAt(
        [shop, cart, 'component:default/never'],
        daysIn(10),
      );
      expect(then.get(shop)).toMatchObject({
        at: daysIn(5).toISOString(),
        verdict: 'not-ready',
        score: 40,
      });
      // First judged after that time: its first state.
      expect(then.get(cart)).toMatchObject({
        at: daysIn(20).toISOString(),
        score: 70,
      });
      expect(then.has('component:default/never')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes changes past retention, keeping the state each entity had then, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (const [day, verdict, score] of [
        [0, 'ready', 100],
        [10, 'at-risk', 80],
        [20, 'not-ready', 30],
        [95, 'ready', 100],
      ] as const) {
        await store.recordChanges([state(shop, day, verdict, score)]);
      }
      await store.recordChanges([state(cart, 1, 'ready', 100)]);
      expect(await store.deleteOlderThan(daysIn(30))).toBe(2);
      expect(
        (await store.listChanges(shop, daysIn(0))).map(c => c.verdict),
      ).toEqual(['not-ready', 'ready']);
      // cart's only state is kept: it is still in force.
      expect(await store.listChanges(cart, daysIn(0))).toHaveLength(1);
      expect(await store.deleteOlderThan(daysIn(30))).toBe(0);
    },
  );
});
