import { mockCredentials } from '@backstage/backend-test-utils';
import { Notification } from '@backstage/plugin-notifications-common';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import request from 'supertest';
import {
  DemoBackend,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';
import { waitFor } from './__testUtils__/startReserveBackend';

jest.setTimeout(120_000);

// The demo's guest is a member of team-payments, which owns checkout and invoice-mailer.
const guest = 'user:default/guest';

// Owners' notifications through Backstage's real notifications backend, on the demo's
// entities and simulated clusters, with a fault switched on as `yarn cluster-sim fault` does.
describe('notifications to owners', () => {
  let demo: DemoBackend;

  beforeAll(async () => {
    demo = await startDemoBackend({
      reserve: {
        refresh: {
          frequency: { seconds: 1 },
          timeout: { seconds: 2 },
          reports: { milliseconds: 500 },
        },
      },
    });
    await demo.waitForCatalog();
  });

  afterAll(async () => {
    await demo?.stop();
  });

  async function guestNotifications(): Promise<Notification[]> {
    const res = await request(demo.server)
      .get('/api/notifications/notifications?limit=100')
      .set('Authorization', mockCredentials.user.header(guest));
    expect(res.status).toBe(200);
    return res.body.notifications;
  }

  async function report(name: string): Promise<EntityReport> {
    const res = await demo.get(
      `/api/reserve/entities/component/default/${name}/readiness`,
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  it('tells the owners once when a fault makes a verdict worse, and again after it cleared', async () => {
    const before = await report('checkout');
    expect(['ready', 'at-risk']).toContain(before.verdict);
    // The keeper has seen checkout's verdict (its first observation only sets where it starts).
    await waitFor('the first readiness pass', async () => {
      const res = await demo.get(
        '/api/reserve/entities/component/default/checkout/history?days=1',
      );
      return res.body.changes?.length > 0;
    });

    demo.sim.cluster('reserve-ams').faults.set({ refuseConnections: true });
    // Its reserve does not answer: the critical checks on it lack their data, and the verdict
    // says so (Unknown, which the pages rank right before Not ready).
    const title = 'checkout: reserve readiness worsened to Unknown';
    let notified: Notification | undefined;
    await waitFor(`"${title}" for ${guest}`, async () => {
      notified = (await guestNotifications()).find(
        n => n.payload.title === title,
      );
      return Boolean(notified);
    });
    expect(notified!.payload).toEqual(
      expect.objectContaining({
        link: '/catalog/default/component/checkout/reserve',
        topic: 'kube-reserve',
        severity: 'high',
        description: expect.stringContaining('reserve-ams'),
      }),
    );
    expect((await report('checkout')).verdict).toBe('unknown');

    // Read, and several passes later still the one notification, still read.
    await request(demo.server)
      .post('/api/notifications/notifications/update')
      .set('Authorization', mockCredentials.user.header(guest))
      .send({ ids: [notified!.id], read: true })
      .expect(200);
    await new Promise(done => setTimeout(done, 3000));
    const same = (await guestNotifications()).filter(
      n => n.payload.title === title,
    );
    expect(same).toHaveLength(1);
    expect(same[0].read).toBeTruthy();

    // Cleared, then raised again: the owners hear of it again (unread once more).
    demo.sim.cluster('reserve-ams').faults.clear();
    await waitFor(
      'checkout better again',
      async () => (await report('checkout')).verdict === before.verdict,
    );
    await new Promise(done => setTimeout(done, 1500));
    demo.sim.cluster('reserve-ams').faults.set({ refuseConnections: true });
    await waitFor(`"${title}" unread again`, async () =>
      (
        await guestNotifications()
      ).some(n => n.payload.title === title && !n.read),
    );
    demo.sim.cluster('reserve-ams').faults.clear();
  });

  it("notifies no one outside the entity's owners", async () => {
    const res = await request(demo.server)
      .get('/api/notifications/notifications?limit=100')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/mallory'),
      );
    expect(res.status).toBe(200);
    expect(
      res.body.notifications.filter((n: Notification) =>
        n.payload.link?.includes('/checkout/'),
      ),
    ).toEqual([]);
  });
});
