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
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/reserve/entities/Component/default/checkout/readiness',
    );
  });

  it('asks for a group ownership with the aggregate flag', async () => {
    const { client, fetch } = clientAnswering(200, { entities: [] });
    await client.getOwnership({
      group: 'group:default/team-data',
      aggregate: false,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/reserve/ownership?group=group%3Adefault%2Fteam-data&aggregate=false',
    );
  });

  it('lists clusters', async () => {
    const { client, fetch } = clientAnswering(200, { clusters: [] });
    await expect(client.getClusters()).resolves.toEqual({ clusters: [] });
    expect(fetch).toHaveBeenCalledWith(
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
