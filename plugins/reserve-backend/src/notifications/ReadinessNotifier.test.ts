import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  CheckId,
  CheckState,
  EntityReport,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseConditionStore } from '../database/DatabaseConditionStore';
import {
  DEFAULT_API_CERTIFICATE_WITHIN_MS,
  notifiedConditions,
} from './conditions';
import { NotificationSettings } from './notificationSettings';
import { ReadinessNotifier } from './ReadinessNotifier';

jest.setTimeout(30_000);

let second = 0;
// Each report is judged a second after the one before, as the keeper's passes are.
function report(
  verdict: Verdict,
  checks: Partial<Record<CheckId, CheckState>> = {},
  entityRef = 'component:default/checkout',
): EntityReport {
  second++;
  return {
    entityRef,
    policy: {} as EntityReport['policy'],
    clusters: [],
    checks: Object.entries(checks).map(([id, state]) => ({
      id: id as CheckId,
      state,
      message: `${id} is ${state}`,
      clusters: [],
    })),
    score: 50,
    verdict,
    generatedAt: new Date(Date.UTC(2026, 11, 7, 12, 0, second)).toISOString(),
  };
}

const allOn: NotificationSettings = {
  conditions: new Set(notifiedConditions),
  apiCertificateWithinMs: DEFAULT_API_CERTIFICATE_WITHIN_MS,
  actions: true,
};

describe('ReadinessNotifier', () => {
  const databases = storeDatabases();

  async function notifier(
    settings: NotificationSettings = allOn,
    failSends = 0,
  ) {
    const knex = await databases.init('SQLITE_3');
    const sent: NotificationSendOptions[] = [];
    let failures = failSends;
    const logger = mockServices.logger.mock();
    const instance = new ReadinessNotifier({
      notifications: {
        async send(options) {
          if (failures-- > 0) throw new Error('notifications backend down');
          sent.push(options);
        },
      },
      store: await DatabaseConditionStore.create({
        database: { getClient: async () => knex },
      }),
      settings,
      logger,
    });
    return { instance, sent, logger };
  }

  const titles = (sent: NotificationSendOptions[]) =>
    sent.map(s => s.payload.title);

  it('tells the owners when the verdict worsens, not of where it starts', async () => {
    const { instance, sent } = await notifier();
    await instance.observe([report('at-risk')]);
    expect(sent).toEqual([]);
    await instance.observe([report('not-ready')]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'component:default/checkout' },
        payload: {
          title: 'checkout: reserve readiness worsened to Not ready',
          description: 'Score 50/100.',
          severity: 'critical',
          link: '/catalog/default/component/checkout/reserve',
          topic: 'kube-reserve',
          scope: 'reserve:verdict:component:default/checkout',
        },
      },
    ]);
    // Better, then worse again: news again.
    await instance.observe([report('at-risk')]);
    await instance.observe([report('at-risk')]);
    expect(sent).toHaveLength(1);
    await instance.observe([report('not-ready')]);
    expect(titles(sent)).toEqual([
      'checkout: reserve readiness worsened to Not ready',
      'checkout: reserve readiness worsened to Not ready',
    ]);
  });

  it('tells of a condition once until it clears, and unknown data changes nothing', async () => {
    const { instance, sent } = await notifier();
    const overdue = { 'backup.restore-drill': 'fail' } as const;
    await instance.observe([report('at-risk', overdue)]);
    await instance.observe([report('at-risk', overdue)]);
    await instance.observe([
      report('at-risk', { 'backup.restore-drill': 'unknown' }),
    ]);
    await instance.observe([report('at-risk', overdue)]);
    expect(titles(sent)).toEqual(['checkout: restore drill overdue']);
    await instance.observe([
      report('ready', { 'backup.restore-drill': 'pass' }),
    ]);
    await instance.observe([report('ready', overdue)]);
    expect(titles(sent)).toEqual([
      'checkout: restore drill overdue',
      'checkout: restore drill overdue',
    ]);
  });

  it('tries again at the next pass when a notification could not be sent', async () => {
    const { instance, sent, logger } = await notifier(allOn, 1);
    const noRestorePoint = { 'backup.fresh': 'fail' } as const;
    expect(await instance.observe([report('not-ready', noRestorePoint)])).toBe(
      0,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not notify the owners of component:default/checkout about restore-point',
      ),
    );
    expect(await instance.observe([report('not-ready', noRestorePoint)])).toBe(
      1,
    );
    expect(titles(sent)).toEqual(['checkout: no restore point within the RPO']);
  });

  it('sends nothing for the kinds turned off', async () => {
    const { instance, sent } = await notifier({
      ...allOn,
      conditions: new Set(['verdict']),
      actions: false,
    });
    await instance.observe([report('ready', { 'backup.fresh': 'fail' })]);
    await instance.observe([report('not-ready', { 'backup.fresh': 'fail' })]);
    await instance.actionEvent({
      executionId: 'e1',
      entityRef: 'component:default/checkout',
      action: 'failover',
      actor: 'user:default/alice',
      event: 'started',
    });
    expect(titles(sent)).toEqual([
      'checkout: reserve readiness worsened to Not ready',
    ]);
  });

  it("tells of an action's start and end in one notification per execution", async () => {
    const { instance, sent } = await notifier();
    const run = {
      executionId: 'e1',
      entityRef: 'component:default/checkout',
      action: 'failover' as const,
      actor: 'user:default/alice',
    };
    await instance.actionEvent({ ...run, event: 'started' });
    await instance.actionEvent({
      ...run,
      event: 'failed',
      message: 'Step 2 of 5 (Scale the reserve) failed: forbidden',
    });
    expect(sent.map(s => s.payload)).toEqual([
      expect.objectContaining({
        title: 'checkout: Failover started by user:default/alice',
        severity: 'high',
        scope: 'reserve:execution:e1',
      }),
      expect.objectContaining({
        title: 'checkout: Failover failed',
        description: 'Step 2 of 5 (Scale the reserve) failed: forbidden',
        severity: 'high',
        scope: 'reserve:execution:e1',
      }),
    ]);
  });

  it('observes in the background, one observation at a time, without holding the caller', async () => {
    const knex = await databases.init('SQLITE_3');
    let release: () => void = () => {};
    const gate = new Promise<void>(done => {
      release = done;
    });
    const sent: string[] = [];
    const instance = new ReadinessNotifier({
      notifications: {
        async send(options) {
          await gate;
          sent.push(options.payload.title);
        },
      },
      store: await DatabaseConditionStore.create({
        database: { getClient: async () => knex },
      }),
      settings: allOn,
      logger: mockServices.logger.mock(),
    });
    const overdue = { 'backup.restore-drill': 'fail' } as const;
    instance.observeInBackground([report('at-risk', overdue)]);
    // The first still sends: this one is skipped, and nothing waited for either.
    instance.observeInBackground([
      report('at-risk', overdue, 'component:default/payments-api'),
    ]);
    release();
    await instance.settled();
    expect(sent).toEqual(['checkout: restore drill overdue']);
    // The next pass sees what the skipped one would have.
    instance.observeInBackground([
      report('at-risk', overdue),
      report('at-risk', overdue, 'component:default/payments-api'),
    ]);
    await instance.settled();
    expect(sent).toEqual([
      'checkout: restore drill overdue',
      'payments-api: restore drill overdue',
    ]);
  });
});
