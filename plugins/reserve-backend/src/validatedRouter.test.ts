import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { spec } from './schema/openapi';
import { createValidatedRouter, operationInputs } from './validatedRouter';

// The validated router as createRouter builds it, with handlers that only answer, and
// Backstage's error handler behind it.
async function validatedApp() {
  const router = await createValidatedRouter();
  router.get('/clusters', (_req, res) => {
    res.json({ clusters: [], pairs: [] });
  });
  router.put(
    '/entities/:kind/:namespace/:name/runbooks/:runbook/items/:item',
    (_req, res) => {
      res.json({ kind: 'manual', id: 'x', title: 'x', state: 'done' });
    },
  );
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}

const itemPath = '/entities/component/default/checkout/runbooks/failover/items';

describe('refusals of the validated router', () => {
  it('lists the input schemas of every operation the document describes', () => {
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(method => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(operationInputs).sort()).toEqual(
      documented.filter(operation => operation !== 'GET /clusters').sort(),
    );
  });

  it('names the field in words when the document and our schemas both refuse a body', async () => {
    const res = await request(await validatedApp())
      .put(`${itemPath}/database-promoted`)
      .send({ ticked: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid body: ticked: ticked must be true or false',
    });
  });

  it('names the path part in words when both refuse it', async () => {
    const res = await request(await validatedApp())
      .put(`${itemPath}/${'x'.repeat(300)}`)
      .send({ ticked: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid path: item: item is longer than 253 characters',
    );
  });

  it('answers input only the document refuses with an InputError naming the field', async () => {
    const res = await request(await validatedApp()).get('/clusters?verbose=1');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/verbose/);
  });

  it('answers a body that is not JSON with an InputError, not a field message', async () => {
    const res = await request(await validatedApp())
      .put(`${itemPath}/database-promoted`)
      .set('Content-Type', 'application/json')
      .send('{"ticked":');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).not.toMatch(/ticked must/);
  });

  it('leaves authentication to Backstage, which answers a missing token with a 401 before', async () => {
    const res = await request(await validatedApp()).get('/clusters');
    expect(res.status).toBe(200);
  });

  it('lets a request both accept through to its handler', async () => {
    const res = await request(await validatedApp())
      .put(`${itemPath}/database-promoted`)
      .send({ ticked: true, note: 'promoted at 14:02' });
    expect(res.status).toBe(200);
  });
});
