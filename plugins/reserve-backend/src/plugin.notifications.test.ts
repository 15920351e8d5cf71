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
        // reserve-fra-b's API server certificate expires in 18 days (its fixture): within 20.
        notifications: { apiCertificateWithin: '20d' },
      },
    });
    await demo.waitForCatalog();
  });

  afterAll(async () => {
    await demo?.stop();
  });

  async function notificationsOf(user: string): Promise<Notification[]> {
    const res = await request(demo.server)
      .get('/api/notifications/notifications?limit=100')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body.notifications;
  }
  const guestNotifications = () => notificationsOf(guest);

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

  it("tells team-data once that search-indexer's reserve certificate expires soon, and team-payments of its overdue drills", async () => {
    const priya = 'user:default/priya.raman'; // team-data, which owns search-indexer
    const scope = 'reserve:api-certificate:component:default/search-indexer';
    await waitFor(`${scope} for ${priya}`, async () =>
      (await notificationsOf(priya)).some(n => n.payload.scope === scope),
    );
    // Several keeper passes later, still one.
    await new Promise(done => setTimeout(done, 2000));
    const certificate = (await notificationsOf(priya)).filter(
      n => n.payload.scope === scope,
    );
    expect(certificate).toHaveLength(1);
    expect(certificate[0].payload).toEqual(
      expect.objectContaining({
        title: expect.stringMatching(
          /^search-indexer: the API server certificate of reserve-fra-b expires in 1[78] d/,
        ),
        description: expect.stringContaining('kubeadm certs renew all'),
        severity: 'high',
        link: '/catalog/default/component/search-indexer/reserve',
      }),
    );
    // invoice-mailer has never had a completed drill on its reserve: told at first sight.
    const drills = (await guestNotifications()).filter(
      n => n.payload.title === 'invoice-mailer: restore drill overdue',
    );
    expect(drills).toHaveLength(1);
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
