import { ActionPlan } from '@kube-reserve/plugin-reserve-common';
import { createAuditLog } from './__testUtils__/auditLog';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(90_000);

const checkout = '/api/reserve/entities/component/default/checkout';

// What checkout's failover does on reserve-ams, from the demo fixtures: its database repointed
// to the Amsterdam primary, its autoscaler and Deployment raised to prod-fra's 6, its CronJob
// resumed, and a wait until the 6 are available.
const reserveSteps = {
  repoint:
    'Repoint Service checkout/checkout-db on reserve-ams to pg-checkout-primary.ams3.internal',
  minimum:
    'Raise the minimum of HorizontalPodAutoscaler checkout/checkout on reserve-ams to 6',
  scaleUp: 'Scale Deployment checkout/checkout on reserve-ams from 4 to 6',
  resume:
    'Resume CronJob checkout/checkout-abandoned-cart-reminder on reserve-ams',
  wait: 'Wait until Deployment checkout/checkout on reserve-ams is available at full size',
};
const suspendOnPrimary =
  'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra';

describe('planning a failover while prod-fra fails', () => {
  let demo: DemoBackend;
  const auditLog = createAuditLog();

  beforeAll(async () => {
    demo = await startDemoBackend({
      reserve: { refresh: fastRefresh },
      features: [auditLog.factory],
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(states =>
      Object.values(states).every(state => state === 'ok'),
    );
  });
  afterAll(() => demo?.stop());

  afterEach(async () => {
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());
    await demo.waitForClusters(states =>
      Object.values(states).every(state => state === 'ok'),
    );
  });

  const plan = async (body: object = {}): Promise<ActionPlan> => {
    const res = await demo.post(`${checkout}/actions/failover/plan`, body);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('with prod-fra refusing connections for longer than its snapshot stays fresh, plans every reserve step from its last listing and skips its CronJob', async () => {
    demo.sim.cluster('prod-fra').faults.set({ refuseConnections: true });
    // Past three refresh periods and a timeout, the report no longer serves the listings.
    const staleAfterMs = 3 * 2_000 + 1_500;
    await demo.waitForClusterSummaries(
      'prod-fra unreachable past its stale limit',
      clusters =>
        clusters.some(
          c =>
            c.name === 'prod-fra' &&
            c.status.state === 'unreachable' &&
            (c.snapshotAgeMs ?? 0) > staleAfterMs,
        ),
    );

    const planned = await plan();

    expect(planned.steps.map(s => s.title)).toEqual([
      reserveSteps.repoint,
      reserveSteps.minimum,
      reserveSteps.scaleUp,
      reserveSteps.resume,
      reserveSteps.wait,
    ]);
    expect(planned.skipped).toEqual([
      {
        title: suspendOnPrimary,
        cluster: 'prod-fra',
        reason: expect.stringMatching(/^prod-fra does not answer \(.+\)$/),
      },
    ]);
    expect(planned.warnings).toEqual([
      expect.stringMatching(
        /^prod-fra does not answer \(.+\): the plan changes nothing on it\.$/,
      ),
      expect.stringMatching(
        /^deployments could not be listed on prod-fra \(it does not answer\): the scale-up of Deployment checkout\/checkout to 6 comes from the listing of \d+ s ago\.$/,
      ),
      expect.stringMatching(
        /^horizontalpodautoscalers could not be listed on prod-fra \(it does not answer\): the minimum 6 of HorizontalPodAutoscaler checkout\/checkout comes from the listing of \d+ s ago\.$/,
      ),
      'cronjobs could not be listed on prod-fra (it does not answer): the suspension of CronJob checkout/checkout-abandoned-cart-reminder is skipped.',
    ]);
    expect(planned.fingerprint.every(e => e.cluster === 'reserve-ams')).toBe(
      true,
    );
    const audited = auditLog.lines.find(
      line =>
        line.eventId === 'action-plan' &&
        line.status === 'succeeded' &&
        line.meta.planId === planned.id,
    );
    expect(audited?.meta).toMatchObject({
      steps: 5,
      skipped: planned.skipped,
    });
  });

  it('with prod-fra answering 500 on Deployments only, suspends its CronJob and scales the reserve from the older listing', async () => {
    demo.sim
      .cluster('prod-fra')
      .faults.set({ errorResources: ['deployments'] });

    const planned = await plan({ scaleDownPrimary: true });

    expect(planned.steps.map(s => s.title)).toEqual([
      reserveSteps.repoint,
      reserveSteps.minimum,
      reserveSteps.scaleUp,
      suspendOnPrimary,
      reserveSteps.resume,
      reserveSteps.wait,
    ]);
    const failure =
      'deployments could not be listed on prod-fra (Internal error occurred: simulated failure serving deployments)';
    expect(planned.skipped).toEqual([
      {
        title: 'Scale Deployment checkout/checkout on prod-fra from 6 to 0',
        cluster: 'prod-fra',
        reason: failure,
      },
    ]);
    expect(planned.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${escape(
            failure,
          )}: the scale-up of Deployment checkout/checkout to 6 comes from the listing of (\\d+ s|a moment) ago; the scale-down of Deployment checkout/checkout to 0 is skipped\\.$`,
        ),
      ),
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
