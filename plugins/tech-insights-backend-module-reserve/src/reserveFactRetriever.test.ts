import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import { entityReport } from './__testUtils__/reports';
import { createReserveFactRetriever } from './reserveFactRetriever';

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {
    'backstage.io/kubernetes-id': name,
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: kind === 'Resource' ? { type: 'kubernetes-cluster' } : {},
  };
}

/** What the fake reserve backend answers for each entity name. */
type Answer = { report: EntityReport } | { status: number } | 'hang';

/** A stand-in for the reserve backend's readiness route, on a free loopback port. */
async function reserveBackend(answers: Record<string, Answer>) {
  const requests: { path: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      path: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const name = /\/entities\/[^/]+\/[^/]+\/([^/]+)\/readiness$/.exec(
      req.url ?? '',
    )?.[1];
    const answer = answers[name ?? ''] ?? { status: 404 };
    if (answer === 'hang') return;
    if ('status' in answer) {
      res.writeHead(answer.status).end('{"error":{"name":"Error"}}');
      return;
    }
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(answer.report));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/reserve`,
    requests,
    stop: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

async function runRetriever(
  entities: Entity[],
  answers: Record<string, Answer>,
) {
  const backend = await reserveBackend(answers);
  const logger = mockServices.logger.mock();
  const retriever = createReserveFactRetriever({
    catalog: catalogServiceMock({ entities }),
    entityKinds: ['Component', 'Resource'],
    timeoutMs: 300,
  });
  const ctx: FactRetrieverContext = {
    config: mockServices.rootConfig(),
    discovery: {
      getBaseUrl: async () => backend.baseUrl,
      getExternalBaseUrl: async () => backend.baseUrl,
    },
    logger,
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    entityFilter: retriever.entityFilter,
  };
  try {
    const facts = await retriever.handler(ctx);
    return { facts, requests: backend.requests, logger };
  } finally {
    await backend.stop();
  }
}

const invoiceMailer = entityReport('component:default/invoice-mailer', {
  'parity.cronjobs': 'fail',
});
const checkout = entityReport('component:default/checkout');

describe('the Kube Reserve fact retriever', () => {
  it("publishes each assessed service's verdict, score and check states from its report", async () => {
    const { facts } = await runRetriever(
      [entity('Component', 'checkout'), entity('Component', 'invoice-mailer')],
      {
        checkout: { report: checkout },
        'invoice-mailer': { report: invoiceMailer },
      },
    );
    expect(facts).toHaveLength(2);
    // Dated by the run, not left to the database's default.
    expect(facts.every(f => f.timestamp?.isValid)).toBe(true);
    const mailer = facts.find(f => f.entity.name === 'invoice-mailer');
    expect(mailer?.entity).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'invoice-mailer',
    });
    expect(mailer?.facts).toMatchObject({
      verdict: 'not-ready',
      score: invoiceMailer.score,
      'parity.cronjobs': 'fail',
      failingChecks: ['parity.cronjobs'],
    });
    expect(facts.find(f => f.entity.name === 'checkout')?.facts).toMatchObject({
      verdict: 'ready',
      score: 100,
      failingChecks: [],
    });
  });

  it('asks only for entities with a Kubernetes annotation, of the kinds Kube Reserve judges, with a token', async () => {
    const { requests } = await runRetriever(
      [
        entity('Component', 'checkout'),
        entity('Component', 'docs-site', {}),
        entity('Resource', 'prod-fra', {}),
        entity('API', 'checkout-api'),
        entity('Resource', 'orders-db', {
          'backstage.io/kubernetes-label-selector': 'app=orders-db',
        }),
      ],
      {
        checkout: { report: checkout },
        'orders-db': { report: checkout },
      },
    );
    expect(requests.map(r => r.path).sort()).toEqual([
      '/api/reserve/entities/Component/default/checkout/readiness',
      '/api/reserve/entities/Resource/default/orders-db/readiness',
    ]);
    for (const { authorization } of requests) {
      expect(authorization).toMatch(/^Bearer .+/);
    }
  });

  it('writes no facts for a report that cannot be read, and warns naming the entity and the status but no token', async () => {
    const { facts, requests, logger } = await runRetriever(
      [
        entity('Component', 'checkout'),
        entity('Component', 'gone'),
        entity('Component', 'broken'),
        entity('Component', 'slow'),
      ],
      {
        checkout: { report: checkout },
        broken: { status: 503 },
        slow: 'hang',
      },
    );
    expect(facts.map(f => f.entity.name)).toEqual(['checkout']);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/component:default\/gone: 404 Not Found/),
        expect.stringMatching(
          /component:default\/broken: 503 Service Unavailable/,
        ),
        expect.stringMatching(
          /component:default\/slow: no answer within 0\.3 s/,
        ),
      ]),
    );
    const token = requests[0].authorization!.replace('Bearer ', '');
    for (const message of warnings) {
      expect(message).not.toContain(token);
    }
  });

  it('sums up past ten unreadable reports in one line, so a reserve backend that is down does not flood the log', async () => {
    const names = Array.from({ length: 13 }, (_, i) => `service-${i}`);
    const { facts, logger } = await runRetriever(
      names.map(name => entity('Component', name)),
      {},
    );
    expect(facts).toEqual([]);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toMatch(/reports of 3 more entities/);
  });

  it('writes no facts for a report judged before its clusters were first collected', async () => {
    const { facts } = await runRetriever([entity('Component', 'checkout')], {
      checkout: {
        report: entityReport(
          'component:default/checkout',
          {},
          { reserveCluster: 'pending' },
        ),
      },
    });
    expect(facts).toEqual([]);
  });

  it("publishes an unreachable reserve's unknown states as they are", async () => {
    const report = entityReport(
      'component:default/checkout',
      { 'topology.reachable': 'unknown' },
      { reserveCluster: 'unreachable' },
    );
    const { facts } = await runRetriever([entity('Component', 'checkout')], {
      checkout: { report },
    });
    expect(facts[0].facts).toMatchObject({
      verdict: report.verdict,
      'topology.reachable': 'unknown',
      unknownChecks: ['topology.reachable'],
    });
    expect(facts[0].facts.verdict).not.toBe('ready');
  });
});
