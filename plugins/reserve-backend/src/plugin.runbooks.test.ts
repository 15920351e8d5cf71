import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ManualRunbookItem,
  RunbooksResponse,
} from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import { createAuditLog } from './__testUtils__/auditLog';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

import {
  intruder,
  owner,
  ownerOnlyPermissions,
} from './__testUtils__/ownerOnlyPermissions';

jest.setTimeout(60_000);

describe('runbooks of a demo service', () => {
  let demo: DemoBackend;
  const base = '/api/reserve/entities/component/default/checkout/runbooks';
  const auditLog = createAuditLog();

  beforeAll(async () => {
    demo = await startDemoBackend({
      features: [ownerOnlyPermissions, auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(s =>
      Object.values(s).every(state => state === 'ok'),
    );
  });
  afterAll(() => demo?.stop());

  const runbooks = async (): Promise<RunbooksResponse> => {
    const res = await demo.get(base);
    expect(res.status).toBe(200);
    return res.body;
  };
  const manualItem = async (runbook: string, id?: string) => {
    const items = (await runbooks()).runbooks
      .find(r => r.id === runbook)!
      .sections.flatMap(s => s.items);
    return items.find(
      i => i.kind === 'manual' && (!id || i.id === id),
    ) as ManualRunbookItem;
  };
  const put = (path: string, user: string, body: unknown) =>
    request(demo.server)
      .put(`${base}/${path}`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body as object);

  it('serves the four runbooks with live item states', async () => {
    const { runbooks: all } = await runbooks();
    expect(all.map(r => r.id)).toEqual([
      'failover',
      'restore-drill',
      'certificate-renewal',
      'cluster-upgrade',
    ]);
    const items = all.flatMap(r => r.sections.flatMap(s => s.items));
    expect(new Set(items.map(i => i.kind))).toEqual(
      new Set(['auto', 'manual', 'action']),
    );
    // Action items are buttons of the actions: checkout's failover can be planned.
    const action = items.find(i => i.kind === 'action')!;
    expect(action).toMatchObject({ action: 'failover', available: true });
  });

  it('stores who ticked a manual item, when and why, and lets them untick it', async () => {
    const item = await manualItem('failover');
    const ticked = await put(`failover/items/${item.id}`, owner, {
      ticked: true,
      note: 'replica promoted by the DBA on call',
    });
    expect(ticked.status).toBe(200);
    const after = await manualItem('failover', item.id);
    expect(after.state).toBe('done');
    expect(after.tick).toMatchObject({
      by: owner,
      note: 'replica promoted by the DBA on call',
    });
    expect(Date.parse(after.tick!.expiresAt)).toBeGreaterThan(Date.now());

    const unticked = await put(`failover/items/${item.id}`, owner, {
      ticked: false,
    });
    expect(unticked.status).toBe(200);
    expect((await manualItem('failover', item.id)).state).toBe('open');

    const audited = auditLog.lines.filter(
      line => line.eventId === 'runbook-item' && line.meta.item === item.id,
    );
    expect(
      audited.map(({ status, meta }) => [status, meta.actionType]),
    ).toEqual([
      ['initiated', 'tick'],
      ['succeeded', 'tick'],
      ['initiated', 'untick'],
      ['succeeded', 'untick'],
    ]);
    for (const line of audited) {
      expect(line.meta).toMatchObject({
        actor: owner,
        entityRef: 'component:default/checkout',
        runbook: 'failover',
      });
    }
    expect(audited[1].meta).toMatchObject({
      note: 'replica promoted by the DBA on call',
      expiresAt: after.tick!.expiresAt,
    });
  });

  it('refuses a tick from someone who may not, and stores nothing', async () => {
    const item = await manualItem('failover');
    const res = await put(`failover/items/${item.id}`, intruder, {
      ticked: true,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/reserve\.runbook\.update/);
    expect((await manualItem('failover', item.id)).state).toBe('open');
    expect(
      auditLog.lines
        .filter(line => line.eventId === 'permission-refused')
        .map(({ status, meta }) => [status, meta]),
    ).toEqual(
      ['initiated', 'failed'].map(status => [
        status,
        {
          actor: intruder,
          permission: 'reserve.runbook.update',
          entityRef: 'component:default/checkout',
        },
      ]),
    );
  });

  it('answers a bad runbook, item or body with a 400 naming it', async () => {
    const { runbooks: all } = await runbooks();
    const auto = all[0].sections
      .flatMap(s => s.items)
      .find(i => i.kind === 'auto')!;
    const manual = await manualItem('failover');
    const cases: Array<[string, unknown, RegExp]> = [
      ['failover/items/no-such-item', { ticked: true }, /no-such-item/],
      ['no-such-runbook/items/x', { ticked: true }, /no-such-runbook/],
      [`failover/items/${auto.id}`, { ticked: true }, /only manual items/],
      [`failover/items/${manual.id}`, { ticked: 'yes' }, /ticked/],
      [`failover/items/${manual.id}`, { ticked: true, extra: 1 }, /extra/],
      [
        `failover/items/${manual.id}`,
        { ticked: true, note: 'x'.repeat(2001) },
        /note/,
      ],
    ];
    for (const [path, body, message] of cases) {
      const res = await put(path, owner, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    expect((await manualItem('failover', manual.id)).state).toBe('open');
  });
});
