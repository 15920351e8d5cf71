import { TestDatabaseId } from '@backstage/backend-test-utils';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { ConditionLevel } from './ConditionStore';
import { DatabaseConditionStore } from './DatabaseConditionStore';

jest.setTimeout(60_000);

const checkout = 'component:default/checkout';
const t = (second: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, second));
const level = (
  condition: string,
  value: number,
  second: number,
  entityRef = checkout,
): ConditionLevel => ({ entityRef, condition, level: value, at: t(second) });

describe('DatabaseConditionStore', () => {
  const databases = storeDatabases();

  async function twoInstances(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = { getClient: async () => knex };
    return [
      await DatabaseConditionStore.create({ database }),
      await DatabaseConditionStore.create({ database }),
    ];
  }

  it.each(databases.eachSupportedId())(
    'returns each change once, with the level before it, %p',
    async databaseId => {
      const [store] = await twoInstances(databaseId);
      expect(
        await store.observe([
          level('verdict', 0, 1),
          level('drill-overdue', 1, 1),
        ]),
      ).toEqual([
        { ...level('verdict', 0, 1), previous: undefined },
        { ...level('drill-overdue', 1, 1), previous: undefined },
      ]);
      // Unchanged: nothing to act on.
      expect(
        await store.observe([
          level('verdict', 0, 2),
          level('drill-overdue', 1, 2),
        ]),
      ).toEqual([]);
      expect(await store.observe([level('verdict', 2, 3)])).toEqual([
        { ...level('verdict', 2, 3), previous: 0 },
      ]);
      expect(await store.observe([level('drill-overdue', 0, 4)])).toEqual([
        { ...level('drill-overdue', 0, 4), previous: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a change seen by two instances at once to one of them, %p',
    async databaseId => {
      const [first, second] = await twoInstances(databaseId);
      await first.observe([level('verdict', 0, 1)]);
      const both = await Promise.all([
        first.observe([level('verdict', 2, 5)]),
        second.observe([level('verdict', 2, 5)]),
      ]);
      expect(both.flat()).toEqual([{ ...level('verdict', 2, 5), previous: 0 }]);
    },
  );

  it.each(databases.eachSupportedId())(
    'ignores an observation older than the stored one (an instance lagging behind), %p',
    async databaseId => {
      const [first, second] = await twoInstances(databaseId);
      await first.observe([level('verdict', 0, 1)]);
      await first.observe([level('verdict', 2, 10)]);
      // The other instance's report was judged before the change: it must not undo it,
      // or the next observation of "not ready" would be news a second time.
      expect(await second.observe([level('verdict', 0, 9)])).toEqual([]);
      expect(await first.observe([level('verdict', 2, 11)])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'puts a change back when its notification could not be sent, %p',
    async databaseId => {
      const [store] = await twoInstances(databaseId);
      const [raised] = await store.observe([level('restore-point', 1, 1)]);
      await store.revert(raised);
      expect(await store.observe([level('restore-point', 1, 2)])).toEqual([
        { ...level('restore-point', 1, 2), previous: undefined },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps entities apart, and takes more of them than one query may bind, %p',
    async databaseId => {
      const [store] = await twoInstances(databaseId);
      const many = Array.from({ length: 1200 }, (_, i) =>
        level('verdict', 0, 1, `component:default/service-${i}`),
      );
      expect(await store.observe(many)).toHaveLength(1200);
      const one = level('verdict', 1, 2, 'component:default/service-7');
      expect(await store.observe([...many.slice(0, 10), one])).toEqual([
        { ...one, previous: 0 },
      ]);
    },
  );
});
