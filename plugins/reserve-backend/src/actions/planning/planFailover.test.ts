import {
  cronJob,
  deployment,
  selectorless,
  side,
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

  it('with an unreachable primary, scales to its last known size and warns its CronJobs stay active', () => {
    const { primary, reserve } = warmService();
    const plan = planFailover(
      input({
        primary: { ...primary, live: false, problem: 'connect ECONNREFUSED' },
        reserve,
      }),
    );
    expect(plan.steps.every(s => s.cluster === 'spare')).toBe(true);
    expect(plan.steps.map(s => s.title)).toContain(
      'Scale Deployment shop/shop on spare from 4 to 6',
    );
    expect(plan.warnings[0]).toBe(
      'The primary prod is unreachable (connect ECONNREFUSED): its CronJobs cannot be suspended; replica counts come from its last snapshot.',
    );
    expect(plan.fingerprint.some(e => e.cluster === 'prod')).toBe(false);
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
});
