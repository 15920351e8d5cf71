import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { DatabaseFailoverStore } from '../database/DatabaseFailoverStore';
import { FailoverStore } from '../database/FailoverStore';
import { FailoverService } from './FailoverService';

jest.setTimeout(60_000);

const checkout = 'component:default/checkout';
const now = new Date('2026-12-06T14:20:00.000Z');
const skipped = [
  {
    title:
      'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
    cluster: 'prod-fra',
    reason: 'prod-fra does not answer (connect ECONNREFUSED 10.0.0.1:6443)',
  },
];

const aPlan = (overrides: Partial<ActionPlan> = {}): ActionPlan => ({
  id: '3c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f',
  entityRef: checkout,
  action: 'failover',
  options: {},
  primary: 'prod-fra',
  reserve: 'reserve-ams',
  steps: [],
  warnings: [],
  skipped,
  createdBy: 'user:default/guest',
  createdAt: now.toISOString(),
  fingerprint: [],
  ...overrides,
});

describe('FailoverService, told of executions that succeeded', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(store?: FailoverStore) {
    const logger = mockServices.logger.mock();
    const failovers =
      store ??
      (await DatabaseFailoverStore.create({
        database: { getClient: async () => databases.init('SQLITE_3') },
      }));
    const service = new FailoverService({
      catalog: catalogServiceMock(),
      store: failovers,
      pairOf: () => ({ primary: 'prod-fra', reserves: ['reserve-ams'] }),
      auditor: mockServices.auditor.mock(),
      logger,
      now: () => now,
    });
    return { service, store: failovers, logger };
  }

  it('remembers a failover with its execution, who ran it, and the steps its plan skipped as pending on the former primary', async () => {
    const { service, store } = await setup();
    await service.executionSucceeded(aPlan(), 'exec-1', 'user:default/alice');
    expect(await store.getFailover(checkout)).toEqual({
      servingCluster: 'reserve-ams',
      formerPrimary: 'prod-fra',
      since: now.toISOString(),
      by: 'user:default/alice',
      executionId: 'exec-1',
      pendingOnFormerPrimary: skipped,
    });
  });

  it('keeps the first failover when another failover runs while failed over, and ends it with the failback', async () => {
    const { service, store } = await setup();
    await service.executionSucceeded(aPlan(), 'exec-1', 'user:default/alice');
    await service.executionSucceeded(
      aPlan({ skipped: [] }),
      'exec-2',
      'user:default/bob',
    );
    expect((await store.getFailover(checkout))?.executionId).toBe('exec-1');

    await service.executionSucceeded(
      aPlan({ action: 'failback', skipped: [] }),
      'exec-3',
      'user:default/bob',
    );
    expect(await store.getFailover(checkout)).toBeUndefined();
    const [ended] = await store.listFailovers(checkout);
    expect(ended.ended).toEqual({
      at: now.toISOString(),
      by: 'user:default/bob',
      executionId: 'exec-3',
    });
  });

  it('changes nothing for the other actions', async () => {
    const { service, store } = await setup();
    await service.executionSucceeded(
      aPlan({ action: 'backup-now', reserve: undefined }),
      'exec-1',
      'user:default/alice',
    );
    await service.executionSucceeded(
      aPlan({ action: 'restore-drill' }),
      'exec-2',
      'user:default/alice',
    );
    expect(await store.listFailovers(checkout)).toEqual([]);
  });

  it('never fails an execution that succeeded: a store that cannot write is logged', async () => {
    const broken: FailoverStore = {
      recordFailover: jest.fn().mockRejectedValue(new Error('disk full')),
      endFailover: jest.fn(),
      getFailover: jest.fn().mockResolvedValue(undefined),
      failoversInForce: jest.fn(),
      listFailovers: jest.fn(),
    };
    const { service, logger } = await setup(broken);
    await expect(
      service.executionSucceeded(aPlan(), 'exec-1', 'user:default/alice'),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      `Could not record the failover of ${checkout} by execution exec-1`,
      expect.objectContaining({ message: 'disk full' }),
    );
  });
});
