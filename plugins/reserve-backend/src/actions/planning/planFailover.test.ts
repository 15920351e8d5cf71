import {
  cronJob,
  deployment,
  failing,
  selectorless,
  side,
  unreachable,
  warmService,
} from './__fixtures__/sides';
import { applyMergePatch } from './objectState';
import { FailoverInput, planFailover } from './planFailover';

const input = (overrides: Partial<FailoverInput> = {}): FailoverInput => ({
  policy: { cronJobs: 'primary-only', externalServices: ['db'] },
  namespaces: ['shop'],
  ...warmService(),
  targets: new Map([['db', 'pg.spare.internal']]),
  scaleDownPrimary: false,
  waitTimeoutMs: 60_000,
  ...overrides,
});

describe('planFailover', () => {
  it('repoints, grows the reserve to full size, switches CronJobs and waits, in that order', () => {
    const plan = planFailover(input());
    expect(plan.steps.map(s => s.title)).toEqual([
      'Repoint Service shop/db on spare to pg.spare.internal',
      'Raise the minimum of HorizontalPodAutoscaler shop/shop on spare to 6',
      'Scale Deployment shop/shop on spare from 4 to 6',
      'Suspend CronJob shop/shop-reminder on prod',
      'Resume CronJob shop/shop-reminder on spare',
      'Wait until Deployment shop/shop on spare is available at full size',
    ]);
    expect(plan.steps[2]).toMatchObject({
      index: 2,
      kind: 'patch',
      cluster: 'spare',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
      },
      before: { spec: { replicas: 4 } },
      after: { spec: { replicas: 6 } },
    });
    expect(plan.steps[0]).toMatchObject({
      before: { spec: { externalName: 'pg-replica.spare.internal' } },
      after: { spec: { externalName: 'pg.spare.internal' } },
    });
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('leaves the primary\u2019s workloads alone unless asked to scale it down', () => {
    const kept = planFailover(input());
    expect(
      kept.steps.some(
        s => s.cluster === 'prod' && s.object?.kind === 'Deployment',
      ),
    ).toBe(false);
    const scaled = planFailover(input({ scaleDownPrimary: true }));
    expect(scaled.steps).toContainEqual(
      expect.objectContaining({
        cluster: 'prod',
        title: 'Scale Deployment shop/shop on prod from 6 to 0',
        after: { spec: { replicas: 0 } },
      }),
    );
  });

  it('fingerprints every object it read, with what each looks like once the plan ran', () => {
    const plan = planFailover(input());
    const deploymentEntry = plan.fingerprint.find(
      e => e.cluster === 'spare' && e.object.kind === 'Deployment',
    )!;
    expect(deploymentEntry.observed).toEqual({ spec: { replicas: 4 } });
    expect(deploymentEntry.expected).toEqual({ spec: { replicas: 6 } });
    expect(deploymentEntry.resourceVersion).toMatch(/^\d+$/);
    expect(
      plan.fingerprint.find(
        e => e.cluster === 'prod' && e.object.kind === 'Deployment',
      ),
    ).toMatchObject({ observed: { spec: { replicas: 6 } } });
  });

  it('plans nothing when the reserve already serves at full size', () => {
    const done = warmService();
    const applied = (o: any, patch: object) => applyMergePatch(o, patch) as any;
    const plan = planFailover(
      input({
        primary: {
          ...done.primary,
          cronJobs: [cronJob('shop-reminder', true)],
        },
        reserve: {
          ...done.reserve,
          deployments: [deployment('shop', 6)],
          horizontalPodAutoscalers: [
            applied(done.reserve.horizontalPodAutoscalers[0], {
              spec: { minReplicas: 6 },
            }),
          ],
          cronJobs: [cronJob('shop-reminder', false)],
          services: [
            applied(done.reserve.services[0], {
              spec: { externalName: 'pg.spare.internal' },
            }),
          ],
        },
      }),
    );
    expect(plan.steps).toEqual([]);
    expect(plan.fingerprint.length).toBeGreaterThan(0);
  });

  it('omits an external service without a target, saying it stays as it is', () => {
    const plan = planFailover(input({ targets: new Map() }));
    expect(plan.steps.some(s => s.object?.kind === 'Service')).toBe(false);
    expect(plan.warnings).toContain(
      'External service shop/db has no failover target (kube-reserve.io/failover-targets): it stays as it is on spare.',
    );
  });

  it('repoints a selectorless Service through its Endpoints, keeping their ports, and refuses a host name there', () => {
    const [service, endpoints] = selectorless('db', '10.1.0.5');
    const reserve = side('spare', {
      services: [service],
      endpoints: [endpoints],
    });
    const byIp = planFailover(
      input({ reserve, targets: new Map([['db', '10.1.0.9']]) }),
    );
    expect(byIp.steps[0]).toMatchObject({
      object: { kind: 'Endpoints', name: 'db' },
      after: {
        subsets: [
          {
            addresses: [{ ip: '10.1.0.9' }],
            ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
          },
        ],
      },
    });
    const byHost = planFailover(input({ reserve }));
    expect(byHost.steps.some(s => s.object?.kind === 'Endpoints')).toBe(false);
    expect(byHost.warnings.join('\n')).toContain('its target must be an IP');
  });

  it('warns about workloads missing on the reserve and leaves CronJobs alone when they run everywhere', () => {
    const { primary } = warmService();
    const plan = planFailover(
      input({
        primary,
        reserve: side('spare'),
        policy: { cronJobs: 'everywhere', externalServices: [] },
      }),
    );
    expect(plan.steps).toEqual([]);
    expect(plan.warnings).toEqual([
      'Deployment shop/shop is not on spare (parity.deployed): nothing to scale.',
    ]);
  });

  describe('with the primary unreachable', () => {
    const refused = 'connect ECONNREFUSED 10.0.0.1:6443';
    const withoutPrimary = (
      options: Parameters<typeof unreachable>[1] = {},
      overrides: Partial<FailoverInput> = {},
    ) => {
      const { primary, reserve } = warmService();
      return planFailover(
        input({
          primary: unreachable(primary, { problem: refused, ...options }),
          reserve,
          ...overrides,
        }),
      );
    };

    it('plans every reserve step from its last listing, and lists its own steps as skipped', () => {
      const plan = withoutPrimary(
        { ageMs: 3 * 60_000 },
        { scaleDownPrimary: true },
      );
      expect(plan.steps.map(s => s.title)).toEqual([
        'Repoint Service shop/db on spare to pg.spare.internal',
        'Raise the minimum of HorizontalPodAutoscaler shop/shop on spare to 6',
        'Scale Deployment shop/shop on spare from 4 to 6',
        'Resume CronJob shop/shop-reminder on spare',
        'Wait until Deployment shop/shop on spare is available at full size',
      ]);
      const reason = `prod does not answer (${refused})`;
      expect(plan.skipped).toEqual([
        {
          title: 'Suspend CronJob shop/shop-reminder on prod',
          cluster: 'prod',
          reason,
        },
        {
          title: 'Scale Deployment shop/shop on prod from 6 to 0',
          cluster: 'prod',
          reason,
        },
      ]);
      expect(plan.warnings).toEqual([
        `prod does not answer (${refused}): the plan changes nothing on it.`,
        'deployments could not be listed on prod (it does not answer): the scale-up of Deployment shop/shop to 6 comes from the listing of 3 min ago; the scale-down of Deployment shop/shop to 0 is skipped.',
        'horizontalpodautoscalers could not be listed on prod (it does not answer): the minimum 6 of HorizontalPodAutoscaler shop/shop comes from the listing of 3 min ago.',
        'cronjobs could not be listed on prod (it does not answer): the suspension of CronJob shop/shop-reminder is skipped.',
      ]);
    });

    it('fingerprints only what it read live, on the reserve', () => {
      const plan = withoutPrimary();
      expect(plan.fingerprint.length).toBeGreaterThan(0);
      expect(plan.fingerprint.every(e => e.cluster === 'spare')).toBe(true);
    });

    it('never collected, claims no replica target and says what it cannot plan', () => {
      const plan = withoutPrimary({ neverListed: true });
      expect(plan.steps.map(s => s.title)).toEqual([
        'Repoint Service shop/db on spare to pg.spare.internal',
        'Resume CronJob shop/shop-reminder on spare',
      ]);
      expect(plan.skipped).toEqual([
        {
          title: "Suspend the entity's CronJobs on prod",
          cluster: 'prod',
          reason: `prod does not answer (${refused})`,
        },
      ]);
      expect(plan.warnings).toEqual([
        `prod does not answer (${refused}): the plan changes nothing on it.`,
        'deployments could not be listed on prod (it does not answer) and no earlier listing is known: the replica targets of the Deployments on spare cannot be planned.',
        'statefulsets could not be listed on prod (it does not answer) and no earlier listing is known: the replica targets of the StatefulSets on spare cannot be planned.',
        'cronjobs could not be listed on prod (it does not answer) and no earlier listing is known: suspending its CronJobs is skipped.',
      ]);
    });
  });

  describe('with one kind failing on the primary', () => {
    const failure = 'Internal error: etcdserver: request timed out';

    it('plans the suspension of its CronJobs, which answered, and the scale-up from the older Deployment listing', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary: failing(primary, 'deployments', {
            problem: failure,
            ageMs: 12_000,
          }),
          reserve,
        }),
      );
      expect(plan.steps.map(s => s.title)).toEqual([
        'Repoint Service shop/db on spare to pg.spare.internal',
        'Raise the minimum of HorizontalPodAutoscaler shop/shop on spare to 6',
        'Scale Deployment shop/shop on spare from 4 to 6',
        'Suspend CronJob shop/shop-reminder on prod',
        'Resume CronJob shop/shop-reminder on spare',
        'Wait until Deployment shop/shop on spare is available at full size',
      ]);
      expect(plan.skipped).toEqual([]);
      expect(plan.warnings).toEqual([
        `deployments could not be listed on prod (${failure}): the scale-up of Deployment shop/shop to 6 comes from the listing of 12 s ago.`,
      ]);
      const onPrimary = plan.fingerprint
        .filter(e => e.cluster === 'prod')
        .map(e => e.object.kind);
      expect(onPrimary).toEqual(['CronJob']);
    });

    it('skips scaling the primary down when its Deployments do not list', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary: failing(primary, 'deployments', {
            problem: failure,
            ageMs: 12_000,
          }),
          reserve,
          scaleDownPrimary: true,
        }),
      );
      expect(
        plan.steps.some(
          s => s.cluster === 'prod' && s.object?.kind === 'Deployment',
        ),
      ).toBe(false);
      expect(plan.skipped).toEqual([
        {
          title: 'Scale Deployment shop/shop on prod from 6 to 0',
          cluster: 'prod',
          reason: `deployments could not be listed on prod (${failure})`,
        },
      ]);
      expect(plan.warnings).toEqual([
        `deployments could not be listed on prod (${failure}): the scale-up of Deployment shop/shop to 6 comes from the listing of 12 s ago; the scale-down of Deployment shop/shop to 0 is skipped.`,
      ]);
    });

    it('skips the suspension of its CronJobs when they do not list, and plans the rest', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary: failing(primary, 'cronJobs', {
            problem: 'cronjobs.batch is forbidden',
            ageMs: 40_000,
          }),
          reserve,
        }),
      );
      expect(plan.steps.map(s => s.title)).toEqual([
        'Repoint Service shop/db on spare to pg.spare.internal',
        'Raise the minimum of HorizontalPodAutoscaler shop/shop on spare to 6',
        'Scale Deployment shop/shop on spare from 4 to 6',
        'Resume CronJob shop/shop-reminder on spare',
        'Wait until Deployment shop/shop on spare is available at full size',
      ]);
      expect(plan.skipped).toEqual([
        {
          title: 'Suspend CronJob shop/shop-reminder on prod',
          cluster: 'prod',
          reason:
            'cronjobs could not be listed on prod (cronjobs.batch is forbidden)',
        },
      ]);
      expect(plan.warnings).toEqual([
        'cronjobs could not be listed on prod (cronjobs.batch is forbidden): the suspension of CronJob shop/shop-reminder is skipped.',
      ]);
    });

    it('says a listing taken under a second ago was taken a moment ago', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary: failing(primary, 'deployments', {
            problem: failure,
            ageMs: 400,
          }),
          reserve,
        }),
      );
      expect(plan.warnings).toEqual([
        `deployments could not be listed on prod (${failure}): the scale-up of Deployment shop/shop to 6 comes from the listing of a moment ago.`,
      ]);
    });

    it('with no earlier Deployment listing, scales nothing and says the targets are unknown', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary: failing(primary, 'deployments', { problem: failure }),
          reserve,
        }),
      );
      expect(plan.steps.map(s => s.title)).toEqual([
        'Repoint Service shop/db on spare to pg.spare.internal',
        'Suspend CronJob shop/shop-reminder on prod',
        'Resume CronJob shop/shop-reminder on spare',
      ]);
      expect(plan.warnings).toEqual([
        `deployments could not be listed on prod (${failure}) and no earlier listing is known: the replica targets of the Deployments on spare cannot be planned.`,
      ]);
    });
  });

  describe('with one kind failing on the reserve', () => {
    it('plans its step from the older listing, out of the fingerprint', () => {
      const { primary, reserve } = warmService();
      const plan = planFailover(
        input({
          primary,
          reserve: failing(reserve, 'horizontalPodAutoscalers', {
            problem: 'the server is currently unable to handle the request',
            ageMs: 5_000,
          }),
        }),
      );
      expect(plan.steps.map(s => s.title)).toContain(
        'Raise the minimum of HorizontalPodAutoscaler shop/shop on spare to 6',
      );
      expect(plan.warnings).toEqual([
        'horizontalpodautoscalers could not be listed on spare (the server is currently unable to handle the request): the minimum 6 of HorizontalPodAutoscaler shop/shop comes from the listing of 5 s ago.',
      ]);
      expect(
        plan.fingerprint.some(
          e =>
            e.cluster === 'spare' &&
            e.object.kind === 'HorizontalPodAutoscaler',
        ),
      ).toBe(false);
    });

    it('refuses to plan when the reserve does not answer', () => {
      const { primary, reserve } = warmService();
      expect(() =>
        planFailover(
          input({
            primary,
            reserve: unreachable(reserve, {
              problem: 'no answer within the timeout',
            }),
          }),
        ),
      ).toThrow(
        'Cannot plan failover: spare does not answer (no answer within the timeout)',
      );
    });
  });
});
