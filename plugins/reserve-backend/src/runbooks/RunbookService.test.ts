import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { RunbookStore, StoredRunbookTick } from '../database/RunbookStore';
import { aServiceView, reportOf } from './__fixtures__/runbookFixtures';
import { RunbookService } from './RunbookService';

const ref = { kind: 'component', namespace: 'default', name: 'shop' };
const guest = mockCredentials.user('user:default/guest');
const now = new Date('2026-03-01T12:00:00Z');

// Keeps ticks in memory, as the database store does, to observe what the service stored.
class MemoryRunbookStore implements RunbookStore {
  readonly ticks = new Map<string, StoredRunbookTick>();
  failNext = false;

  async tick(tick: StoredRunbookTick) {
    if (this.failNext) throw new Error('database is down');
    this.ticks.set(`${tick.entityRef}/${tick.runbook}/${tick.item}`, tick);
  }
  async untick(entityRef: string, runbook: string, item: string) {
    return this.ticks.delete(`${entityRef}/${runbook}/${item}`);
  }
  async listTicks(entityRef: string) {
    return [...this.ticks.values()].filter(t => t.entityRef === entityRef);
  }
}

function setup() {
  const view = aServiceView();
  const store = new MemoryRunbookStore();
  const auditor = mockServices.auditor.mock();
  const event = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(event);
  const service = new RunbookService({
    readiness: {
      getEntityAssessment: async () => ({
        report: reportOf(view),
        view,
        evaluatedView: view,
      }),
    },
    store,
    auditor,
    tickTtl: { ms: 30 * 86_400_000, text: '30d' },
    now: () => now,
  });
  return { service, store, auditor, event };
}

describe('RunbookService', () => {
  it('returns the four runbooks with the tick time-to-live', async () => {
    const { service } = setup();
    const response = await service.getRunbooks(ref, guest);
    expect(response.entityRef).toBe('component:default/shop');
    expect(response.runbooks).toHaveLength(4);
    expect(response.tickTtl).toBe('30d');
  });

  it('ticks a manual item as the calling user, expiring after the configured time', async () => {
    const { service, store } = setup();
    const item = await service.setItem(
      ref,
      'failover',
      'database-promoted',
      { ticked: true, note: 'done in ams3' },
      guest,
    );
    expect(item).toMatchObject({
      state: 'done',
      tick: {
        by: 'user:default/guest',
        at: '2026-03-01T12:00:00.000Z',
        note: 'done in ams3',
        expiresAt: '2026-03-31T12:00:00.000Z',
      },
    });
    expect([...store.ticks.values()]).toEqual([
      {
        entityRef: 'component:default/shop',
        runbook: 'failover',
        item: 'database-promoted',
        tickedBy: 'user:default/guest',
        tickedAt: '2026-03-01T12:00:00.000Z',
        note: 'done in ams3',
        expiresAt: '2026-03-31T12:00:00.000Z',
      },
    ]);
    const { runbooks } = await service.getRunbooks(ref, guest);
    const failover = runbooks.find(r => r.id === 'failover')!;
    expect(
      failover.sections[0].items.find(i => i.id === 'database-promoted'),
    ).toMatchObject({ state: 'done' });
  });

  it('unticks an item', async () => {
    const { service, store } = setup();
    await service.setItem(
      ref,
      'failover',
      'switch-traffic',
      { ticked: true },
      guest,
    );
    const item = await service.setItem(
      ref,
      'failover',
      'switch-traffic',
      { ticked: false },
      guest,
    );
    expect(item.state).toBe('open');
    expect(item.tick).toBeUndefined();
    expect(store.ticks.size).toBe(0);
  });

  it('audits every tick and untick, naming who did it', async () => {
    const { service, auditor, event } = setup();
    await service.setItem(
      ref,
      'cluster-upgrade',
      'prod-fra.plan',
      { ticked: true },
      guest,
    );
    await service.setItem(
      ref,
      'cluster-upgrade',
      'prod-fra.plan',
      { ticked: false },
      guest,
    );
    expect(auditor.createEvent.mock.calls.map(([options]) => options)).toEqual([
      expect.objectContaining({
        eventId: 'runbook-item',
        meta: expect.objectContaining({
          actionType: 'tick',
          actor: 'user:default/guest',
          item: 'prod-fra.plan',
        }),
      }),
      expect.objectContaining({
        eventId: 'runbook-item',
        meta: expect.objectContaining({ actionType: 'untick' }),
      }),
    ]);
    expect(event.success).toHaveBeenCalledTimes(2);
  });

  it('records a failed write as a failed audit event', async () => {
    const { service, store, event } = setup();
    store.failNext = true;
    await expect(
      service.setItem(
        ref,
        'failover',
        'database-promoted',
        { ticked: true },
        guest,
      ),
    ).rejects.toThrow('database is down');
    expect(event.fail).toHaveBeenCalledWith({ error: expect.any(Error) });
  });

  it('rejects unknown runbooks and items, naming them', async () => {
    const { service, auditor } = setup();
    await expect(
      service.setItem(ref, 'fire-drill', 'x', { ticked: true }, guest),
    ).rejects.toThrow(
      new InputError(
        "Unknown runbook 'fire-drill'; expected one of failover, restore-drill, certificate-renewal, cluster-upgrade",
      ),
    );
    await expect(
      service.setItem(ref, 'failover', 'make-coffee', { ticked: true }, guest),
    ).rejects.toThrow("Unknown item 'make-coffee' in runbook 'failover'");
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });

  it('refuses to tick automatic and action items', async () => {
    const { service } = setup();
    await expect(
      service.setItem(
        ref,
        'failover',
        'reserve-verdict',
        { ticked: true },
        guest,
      ),
    ).rejects.toThrow('is automatic: only manual items can be ticked');
    await expect(
      service.setItem(
        ref,
        'failover',
        'scale-reserve',
        { ticked: true },
        guest,
      ),
    ).rejects.toThrow(InputError);
  });

  it('lets only users tick, since a tick says which person confirmed the step', async () => {
    const { service } = setup();
    await expect(
      service.setItem(
        ref,
        'failover',
        'database-promoted',
        { ticked: true },
        mockCredentials.service(),
      ),
    ).rejects.toThrow(NotAllowedError);
  });

  it('rejects an overlong note', async () => {
    const { service } = setup();
    await expect(
      service.setItem(
        ref,
        'failover',
        'database-promoted',
        { ticked: true, note: 'x'.repeat(2001) },
        guest,
      ),
    ).rejects.toThrow('note is longer than 2000 characters');
  });
});
