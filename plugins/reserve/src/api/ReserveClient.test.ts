import { ResponseError } from '@backstage/errors';
import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { readyReport } from '../__testUtils__/reports';
import { ReserveClient } from './ReserveClient';

const base = 'http://localhost:7007/api/reserve';
const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

const server = setupServer();
registerMswTestHooks(server);

function makeClient() {
  return new ReserveClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

/**
 * Answers `method path` (under the backend's base URL) with `body` and `status`, and keeps
 * the requests that arrived. Any other request fails the test: the hooks listen with
 * `onUnhandledRequest: 'error'`.
 */
function answer(
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  status: number,
  body: JsonBodyType,
): Request[] {
  const received: Request[] = [];
  server.use(
    http[method](`${base}${path}`, ({ request }) => {
      received.push(request.clone());
      return HttpResponse.json(body, { status });
    }),
  );
  return received;
}

/** What a request carried: its URL, method, content type and JSON body. */
async function sent(request: Request) {
  return {
    url: request.url,
    method: request.method,
    contentType: request.headers.get('Content-Type'),
    body: await request.json(),
  };
}

/** The backend's standard JSON error body. */
function errorBody(statusCode: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/x' },
    response: { statusCode },
  };
}

describe('ReserveClient', () => {
  it('reads an entity report from the readiness endpoint', async () => {
    const received = answer(
      'get',
      '/entities/Component/default/checkout/readiness',
      200,
      readyReport,
    );
    await expect(makeClient().getEntityReport(entity)).resolves.toEqual(
      readyReport,
    );
    expect(received.map(r => r.url)).toEqual([
      `${base}/entities/Component/default/checkout/readiness`,
    ]);
  });

  it('reads an entity history for the days asked, and the backend default without', async () => {
    const history = {
      entityRef: 'component:default/checkout',
      days: 30,
      changes: [
        {
          at: '2026-11-20T08:00:00Z',
          verdict: 'not-ready',
          score: 40,
          checks: { 'parity.images': 'fail' },
        },
      ],
      notReadySince: '2026-11-20T08:00:00Z',
      notReadySinceComplete: false,
      generatedAt: '2026-12-07T08:00:00Z',
    };
    const received = answer(
      'get',
      '/entities/Component/default/checkout/history',
      200,
      history,
    );
    const client = makeClient();
    await expect(
      client.getEntityHistory(entity, { days: 30 }),
    ).resolves.toEqual(history);
    await client.getEntityHistory(entity);
    expect(received.map(r => r.url)).toEqual([
      `${base}/entities/Component/default/checkout/history?days=30`,
      `${base}/entities/Component/default/checkout/history`,
    ]);
  });

  it('asks for a group ownership with the aggregate flag', async () => {
    const received = answer('get', '/ownership', 200, { entities: [] });
    await makeClient().getOwnership({
      group: 'group:default/team-data',
      aggregate: false,
    });
    expect(received.map(r => r.url)).toEqual([
      `${base}/ownership?group=group%3Adefault%2Fteam-data&aggregate=false`,
    ]);
  });

  it('lists clusters', async () => {
    const received = answer('get', '/clusters', 200, { clusters: [] });
    await expect(makeClient().getClusters()).resolves.toEqual({
      clusters: [],
    });
    expect(received.map(r => r.url)).toEqual([`${base}/clusters`]);
  });

  it('sends the signed-in user’s token through the fetch API it was given', async () => {
    const received = answer('get', '/clusters', 200, { clusters: [] });
    await makeClient().getClusters();
    expect(received[0].headers.get('Authorization')).toBe('Bearer user-token');
  });

  it('throws a ResponseError carrying the backend message', async () => {
    answer(
      'get',
      '/entities/Component/default/gone/readiness',
      404,
      errorBody(404, 'NotFoundError', 'No entity component:default/gone'),
    );
    const error = await makeClient()
      .getEntityReport({ ...entity, name: 'gone' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('No entity component:default/gone');
    expect(error.statusCode).toBe(404);
  });
});

describe('ReserveClient runbooks', () => {
  it('reads the runbooks of an entity', async () => {
    const received = answer(
      'get',
      '/entities/Component/default/checkout/runbooks',
      200,
      { runbooks: [] },
    );
    await makeClient().getRunbooks(entity);
    expect(received.map(r => r.url)).toEqual([
      `${base}/entities/Component/default/checkout/runbooks`,
    ]);
  });

  it('ticks a manual item with a PUT carrying the tick and the note', async () => {
    const item = { id: 'database-promoted', kind: 'manual', state: 'done' };
    const path =
      '/entities/Component/default/checkout/runbooks/failover/items/database-promoted';
    const received = answer('put', path, 200, item);
    await expect(
      makeClient().updateRunbookItem({
        entity,
        runbook: 'failover',
        item: 'database-promoted',
        update: { ticked: true, note: 'Promoted at 14:02' },
      }),
    ).resolves.toEqual(item);
    expect(received).toHaveLength(1);
    expect(await sent(received[0])).toEqual({
      url: `${base}${path}`,
      method: 'PUT',
      contentType: 'application/json',
      body: { ticked: true, note: 'Promoted at 14:02' },
    });
  });
});

describe('ReserveClient actions', () => {
  it('plans an action with a POST carrying the options', async () => {
    const path = '/entities/Component/default/checkout/actions/failover/plan';
    const received = answer('post', path, 200, { id: 'plan-1' });
    await expect(
      makeClient().planAction(entity, 'failover', { scaleDownPrimary: true }),
    ).resolves.toEqual({ id: 'plan-1' });
    expect(received).toHaveLength(1);
    expect(await sent(received[0])).toEqual({
      url: `${base}${path}`,
      method: 'POST',
      contentType: 'application/json',
      body: { scaleDownPrimary: true },
    });
  });

  it('starts an execution with the plan and the typed confirmation, accepting a 202', async () => {
    const path =
      '/entities/Component/default/checkout/actions/failover/executions';
    const received = answer('post', path, 202, { id: 'exec-1' });
    await expect(
      makeClient().executeAction(entity, 'failover', {
        planId: 'plan-1',
        confirmation: 'checkout',
      }),
    ).resolves.toEqual({ id: 'exec-1' });
    expect(received).toHaveLength(1);
    expect(await sent(received[0])).toEqual({
      url: `${base}${path}`,
      method: 'POST',
      contentType: 'application/json',
      body: { planId: 'plan-1', confirmation: 'checkout' },
    });
  });

  it('reads one execution and lists those of an entity', async () => {
    const one = answer('get', '/executions/:id', 200, { id: 'exec 1' });
    const list = answer(
      'get',
      '/entities/Component/default/checkout/executions',
      200,
      { executions: [] },
    );
    const client = makeClient();
    await expect(client.getExecution('exec 1')).resolves.toEqual({
      id: 'exec 1',
    });
    await expect(client.listExecutions(entity)).resolves.toEqual({
      executions: [],
    });
    expect([...one, ...list].map(r => r.url)).toEqual([
      `${base}/executions/exec%201`,
      `${base}/entities/Component/default/checkout/executions`,
    ]);
  });

  it('resumes an execution with the confirmation', async () => {
    const received = answer('post', '/executions/exec-1/resume', 202, {
      id: 'exec-1',
    });
    await makeClient().resumeExecution('exec-1', { confirmation: 'checkout' });
    expect(received).toHaveLength(1);
    expect(await sent(received[0])).toEqual({
      url: `${base}/executions/exec-1/resume`,
      method: 'POST',
      contentType: 'application/json',
      body: { confirmation: 'checkout' },
    });
  });

  it('surfaces a stale plan as a ResponseError with the backend message', async () => {
    answer(
      'post',
      '/entities/Component/default/checkout/actions/failover/executions',
      409,
      errorBody(409, 'ConflictError', 'The cluster changed since'),
    );
    const error = await makeClient()
      .executeAction(entity, 'failover', { planId: 'p', confirmation: 'c' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('The cluster changed since');
  });
});

describe('ReserveClient waivers', () => {
  const waiver = {
    id: 'w-1',
    entityRef: 'component:default/checkout',
    checkId: 'parity.cronjobs',
    cluster: 'reserve-ams',
    reason: 'the reserve sends no mail',
    createdBy: 'user:default/guest',
    createdAt: '2026-12-07T08:00:00Z',
    expiresAt: '2026-12-20T08:00:00Z',
  };

  it('lists the waivers of an entity with their limits', async () => {
    const listed = {
      entityRef: 'component:default/checkout',
      inForce: [waiver],
      past: [],
      limits: { maxDurationMs: 7776000000, criticalMaxDurationMs: 1209600000 },
    };
    const received = answer(
      'get',
      '/entities/Component/default/checkout/waivers',
      200,
      listed,
    );
    await expect(makeClient().listWaivers(entity)).resolves.toEqual(listed);
    expect(received.map(r => r.url)).toEqual([
      `${base}/entities/Component/default/checkout/waivers`,
    ]);
  });

  it('waives a check with a POST carrying the cluster, reason and expiry, accepting a 201', async () => {
    const path = '/entities/Component/default/checkout/waivers';
    const received = answer('post', path, 201, waiver);
    const request = {
      checkId: 'parity.cronjobs' as const,
      cluster: 'reserve-ams',
      reason: 'the reserve sends no mail',
      expiresAt: '2026-12-20T08:00:00Z',
    };
    await expect(makeClient().createWaiver(entity, request)).resolves.toEqual(
      waiver,
    );
    expect(received).toHaveLength(1);
    expect(await sent(received[0])).toEqual({
      url: `${base}${path}`,
      method: 'POST',
      contentType: 'application/json',
      body: request,
    });
  });

  it('surfaces an expiry past the limit as a ResponseError naming the field', async () => {
    answer(
      'post',
      '/entities/Component/default/checkout/waivers',
      400,
      errorBody(
        400,
        'InputError',
        'expiresAt: a waiver of a critical check may last at most 14 d, until 2026-12-21T08:00:00.000Z',
      ),
    );
    const error = await makeClient()
      .createWaiver(entity, {
        checkId: 'parity.cronjobs',
        reason: 'r',
        expiresAt: '2027-03-01T00:00:00Z',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toMatch(/^expiresAt: a waiver of a critical/);
  });

  it('revokes a waiver with a DELETE, and surfaces one revoked already as a conflict', async () => {
    const revoked = {
      ...waiver,
      revoked: { by: 'user:default/guest', at: '2026-12-08T08:00:00Z' },
    };
    const received = answer('delete', '/waivers/w-1', 200, revoked);
    await expect(makeClient().revokeWaiver('w-1')).resolves.toEqual(revoked);
    expect(received.map(r => [r.method, r.url])).toEqual([
      ['DELETE', `${base}/waivers/w-1`],
    ]);

    answer(
      'delete',
      '/waivers/w-2',
      409,
      errorBody(409, 'ConflictError', 'Waiver w-2 was revoked already'),
    );
    const error = await makeClient()
      .revokeWaiver('w-2')
      .catch(e => e);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('Waiver w-2 was revoked already');
  });
});
