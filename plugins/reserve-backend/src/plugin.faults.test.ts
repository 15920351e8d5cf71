import { rootLoggerServiceFactory } from '@backstage/backend-defaults/rootLogger';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import { demoSecretValues } from './__testUtils__/demoSecrets';
import {
  DemoBackend,
  fastRefresh,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(90_000);

describe('a cluster that fails does not take the others down', () => {
  let demo: DemoBackend;
  const logged: string[] = [];
  const restores: Array<() => void> = [];
  // The logger writes to stdout, or to console's own streams when Jest runs it in a worker:
  // record all of them.
  function captureOutput() {
    const record = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    };
    const consoleStreams = console as unknown as {
      _stdout?: NodeJS.WriteStream;
      _stderr?: NodeJS.WriteStream;
    };
    const streams = [
      process.stdout,
      process.stderr,
      consoleStreams._stdout,
      consoleStreams._stderr,
    ].filter((s): s is NodeJS.WriteStream => Boolean(s));
    for (const stream of new Set(streams)) {
      const write = stream.write;
      stream.write = ((chunk: unknown) => {
        record(chunk);
        return true;
      }) as typeof stream.write;
      restores.push(() => {
        stream.write = write;
      });
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = record;
      restores.push(() => {
        console[method] = original;
      });
    }
  }

  beforeAll(async () => {
    // Capture everything the backend logs, to prove no secret reaches a log line.
    captureOutput();
    // The real root logger, writing to stdout like a deployed backend.
    demo = await startDemoBackend({
      features: [rootLoggerServiceFactory],
      reserve: { refresh: fastRefresh },
    });
    await demo.waitForCatalog();
    await demo.waitForClusters(states =>
      Object.values(states).every(s => s === 'ok'),
    );
  });

  afterAll(async () => {
    restores.forEach(restore => restore());
    await demo?.stop();
  });

  afterEach(async () => {
    demo.sim.clusters.forEach(cluster => cluster.faults.clear());
    await demo.waitForClusters(states =>
      Object.values(states).every(s => s === 'ok'),
    );
  });

  const readiness = async (name: string) => {
    const started = Date.now();
    const res = await demo.get(
      `/api/reserve/entities/component/default/${name}/readiness`,
    );
    expect(res.status).toBe(200);
    return { report: res.body as EntityReport, tookMs: Date.now() - started };
  };
  const readinessWhen = async (
    name: string,
    condition: (report: EntityReport) => boolean,
  ): Promise<EntityReport> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { report } = await readiness(name);
      if (condition(report) || Date.now() > deadline) return report;
      await new Promise(r => setTimeout(r, 100));
    }
  };
  const clusterOf = (report: EntityReport, name: string) =>
    report.clusters.find(c => c.name === name)!;
  const stateOf = (report: EntityReport, id: string) =>
    report.checks.find(c => c.id === id)!.state;

  it('answers promptly while the reserve hangs, and says the reserve did not answer', async () => {
    demo.sim.cluster('reserve-ams').faults.set({ hang: true });
    await demo.waitForClusters(
      s => s['reserve-ams'] === 'unreachable' && s['prod-fra'] === 'ok',
    );
    const { report, tookMs } = await readiness('checkout');
    expect(tookMs).toBeLessThan(1500);
    expect(clusterOf(report, 'reserve-ams').status.message).toMatch(
      /no answer within/,
    );
    expect(stateOf(report, 'topology.reachable')).toBe('fail');
    expect(stateOf(report, 'parity.images')).toBe('unknown');
    expect(stateOf(report, 'parity.cronjobs')).toBe('unknown');
    expect(report.verdict).not.toBe('ready');
    expect(clusterOf(report, 'prod-fra').status.state).toBe('ok');
  });

  it('reports a reserve that refuses connections, keeping its last data as stale', async () => {
    demo.sim.cluster('reserve-ams').faults.set({ refuseConnections: true });
    await demo.waitForClusters(s => s['reserve-ams'] === 'unreachable');
    const { report } = await readiness('checkout');
    const reserve = clusterOf(report, 'reserve-ams');
    expect(reserve.status.message).toMatch(/ECONNREFUSED/);
    expect(reserve.status.staleSince).toBeDefined();
    expect(stateOf(report, 'parity.deployed')).toBe('unknown');
  });

  it('marks only secrets unknown when the reserve forbids them', async () => {
    demo.sim
      .cluster('reserve-ams')
      .faults.set({ forbiddenResources: ['secrets'] });
    const report = await readinessWhen(
      'checkout',
      r =>
        clusterOf(r, 'reserve-ams').status.kinds.secrets?.state === 'forbidden',
    );
    expect(clusterOf(report, 'reserve-ams').status.state).toBe('ok');
    expect(
      clusterOf(report, 'reserve-ams').status.kinds.secrets.message,
    ).toMatch(/forbidden/);
    expect(stateOf(report, 'parity.site-config')).toBe('unknown');
    expect(stateOf(report, 'parity.images')).toBe('pass');
  });

  it('refuses a reserve whose certificate has expired', async () => {
    demo.sim.cluster('reserve-ams').faults.set({ expiredCertificate: true });
    // Connections open at the switch are reset first; the next handshake sees the certificate.
    const report = await readinessWhen('checkout', r =>
      /expired/i.test(clusterOf(r, 'reserve-ams').status.message ?? ''),
    );
    expect(clusterOf(report, 'reserve-ams').status).toMatchObject({
      state: 'unreachable',
      message: expect.stringMatching(/expired/i),
    });
    expect(stateOf(report, 'parity.images')).toBe('unknown');
  });

  it('answers bad input with a 4xx naming what was wrong, never a 500', async () => {
    const cases: Array<[string, number, RegExp]> = [
      [
        '/api/reserve/entities/component/default/no-such-service/readiness',
        404,
        /no-such-service/,
      ],
      [
        '/api/reserve/entities/compo%20nent/default/checkout/readiness',
        400,
        /kind/,
      ],
      [
        '/api/reserve/entities/component/default/che$kout/readiness',
        400,
        /name/,
      ],
      ['/api/reserve/ownership', 400, /group/],
      [
        '/api/reserve/ownership?group=group:default/no-such-team',
        404,
        /no-such-team/,
      ],
      ['/api/reserve/ownership?group=component:default/checkout', 400, /Group/],
      [
        '/api/reserve/ownership?group=team-data&aggregate=maybe',
        400,
        /aggregate/,
      ],
      [`/api/reserve/ownership?group=${'x'.repeat(5000)}`, 400, /group/],
      ['/api/reserve/ownership?group=group:default/%FF%FE', 400, /group: name/],
    ];
    for (const [path, status, message] of cases) {
      const res = await demo.get(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('never puts a secret from the fixtures into a response or a log line', async () => {
    const secrets = demoSecretValues();
    expect(secrets.length).toBeGreaterThan(10);
    const bodies: string[] = [];
    for (const path of [
      '/api/reserve/clusters',
      '/api/reserve/ownership?group=engineering&aggregate=true',
      ...['checkout', 'catalog-api', 'search-indexer'].flatMap(name => [
        `/api/reserve/entities/component/default/${name}/readiness`,
        `/api/reserve/entities/component/default/${name}/runbooks`,
      ]),
    ]) {
      bodies.push((await demo.get(path)).text);
    }
    const everything = [...bodies, ...logged].join('\n');
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(everything.includes(secret) ? secret : 'absent').toBe('absent');
    }
  });
});
