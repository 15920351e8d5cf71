import { ResponseError } from '@backstage/errors';
import { readyReport } from '../__testUtils__/reports';
import { ReserveClient } from './ReserveClient';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new ReserveClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('ReserveClient', () => {
  it('reads an entity report from the readiness endpoint', async () => {
    const { client, fetch } = clientAnswering(200, readyReport);
    await expect(
      client.getEntityReport({
        kind: 'Component',
        namespace: 'default',
        name: 'checkout',
      }),
    ).resolves.toEqual(readyReport);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/reserve/entities/Component/default/checkout/readiness',
    );
  });

  it('asks for a group ownership with the aggregate flag', async () => {
    const { client, fetch } = clientAnswering(200, { entities: [] });
    await client.getOwnership({
      group: 'group:default/team-data',
      aggregate: false,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/reserve/ownership?group=group%3Adefault%2Fteam-data&aggregate=false',
    );
  });

  it('lists clusters', async () => {
    const { client, fetch } = clientAnswering(200, { clusters: [] });
    await expect(client.getClusters()).resolves.toEqual({ clusters: [] });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/reserve/clusters',
    );
  });

  it('throws a ResponseError carrying the backend message', async () => {
    const { client } = clientAnswering(404, {
      error: {
        name: 'NotFoundError',
        message: 'No entity component:default/gone',
      },
      request: { method: 'GET', url: '/x' },
      response: { statusCode: 404 },
    });
    const error = await client
      .getEntityReport({
        kind: 'Component',
        namespace: 'default',
        name: 'gone',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('No entity component:default/gone');
    expect(error.statusCode).toBe(404);
  });
});

describe('ReserveClient runbooks', () => {
  const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

  it('reads the runbooks of an entity', async () => {
    const { client, fetch } = clientAnswering(200, { runbooks: [] });
    await client.getRunbooks(entity);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/reserve/entities/Component/default/checkout/runbooks',
    );
  });

  it('ticks a manual item with a PUT carrying the tick and the note', async () => {
    const item = { id: 'database-promoted', kind: 'manual', state: 'done' };
    const { client, fetch } = clientAnswering(200, item);
    await expect(
      client.updateRunbookItem({
        entity,
        runbook: 'failover',
        item: 'database-promoted',
        update: { ticked: true, note: 'Promoted at 14:02' },
      }),
    ).resolves.toEqual(item);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(
      'http://localhost:7007/api/reserve/entities/Component/default/checkout/runbooks/failover/items/database-promoted',
    );
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({
      ticked: true,
      note: 'Promoted at 14:02',
    });
  });
});

describe('ReserveClient actions', () => {
  const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };
  const base = 'http://localhost:7007/api/reserve';
  const posted = (fetch: jest.Mock) => {
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    return { url, method: init.method, body: JSON.parse(String(init.body)) };
  };

  it('plans an action with a POST carrying the options', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'plan-1' });
    await expect(
      client.planAction(entity, 'failover', { scaleDownPrimary: true }),
    ).resolves.toEqual({ id: 'plan-1' });
    expect(posted(fetch)).toEqual({
      url: `${base}/entities/Component/default/checkout/actions/failover/plan`,
      method: 'POST',
      body: { scaleDownPrimary: true },
    });
  });

  it('starts an execution with the plan and the typed confirmation, accepting a 202', async () => {
    const { client, fetch } = clientAnswering(202, { id: 'exec-1' });
    await expect(
      client.executeAction(entity, 'failover', {
        planId: 'plan-1',
        confirmation: 'checkout',
      }),
    ).resolves.toEqual({ id: 'exec-1' });
    expect(posted(fetch)).toEqual({
      url: `${base}/entities/Component/default/checkout/actions/failover/executions`,
      method: 'POST',
      body: { planId: 'plan-1', confirmation: 'checkout' },
    });
  });

  it('reads one execution and lists those of an entity', async () => {
    const { client, fetch } = clientAnswering(200, { executions: [] });
    await client.getExecution('exec 1');
    await client.listExecutions(entity);
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${base}/executions/exec%201`,
      `${base}/entities/Component/default/checkout/executions`,
    ]);
  });

  it('resumes an execution with the confirmation', async () => {
    const { client, fetch } = clientAnswering(202, { id: 'exec-1' });
    await client.resumeExecution('exec-1', { confirmation: 'checkout' });
    expect(posted(fetch)).toEqual({
      url: `${base}/executions/exec-1/resume`,
      method: 'POST',
      body: { confirmation: 'checkout' },
    });
  });

  it('surfaces a stale plan as a ResponseError with the backend message', async () => {
    const { client } = clientAnswering(409, {
      error: { name: 'ConflictError', message: 'The cluster changed since' },
      request: { method: 'POST', url: '/x' },
      response: { statusCode: 409 },
    });
    const error = await client
      .executeAction(entity, 'failover', { planId: 'p', confirmation: 'c' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('The cluster changed since');
  });
});
