import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ClusterPair,
  ClustersResponse,
  ExecutionsResponse,
} from '@kube-reserve/plugin-reserve-common';
import express from 'express';
import { ActionExecutions } from './authorization/AuthorizedActionExecutor';
import { ActionPlans } from './authorization/AuthorizedActionPlanner';
import { FailoverRecords } from './authorization/AuthorizedFailoverService';
import { HistoryReads } from './authorization/AuthorizedReadinessHistory';
import { OwnershipRollups } from './authorization/AuthorizedOwnershipService';
import { ReadinessReports } from './authorization/AuthorizedReadinessService';
import { Runbooks } from './authorization/AuthorizedRunbookService';
import { WaiverRequests } from './authorization/AuthorizedWaiverService';
import { ClusterOverview } from './overview/ClusterOverview';
import {
  actionExecutionRequestSchema,
  actionPathSchema,
  actionPlanRequestSchema,
  actionResumeRequestSchema,
  entityPathSchema,
  executionPathSchema,
  failoverRecordRequestSchema,
  historyQuerySchema,
  ownershipQuerySchema,
  parseInput,
  runbookItemPathSchema,
  runbookItemUpdateSchema,
  toEntityRef,
  waiverCreateRequestSchema,
  waiverPathSchema,
} from './schema/validation';
import { createValidatedRouter } from './validatedRouter';

/**
 * HTTP only: validate, get credentials, call a service. The services are the authorized ones
 * (see `authorization/`), which the actions registry uses too.
 *
 * Requests are validated against `schema/openapi.yaml` (see `validatedRouter.ts`), and each
 * handler parses its input with the zod schemas of `validation.ts`, whose messages name the
 * field in words; a request the document refuses gets those messages too.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  clusters: ClusterOverview;
  pairs: ClusterPair[];
  readiness: ReadinessReports;
  history: HistoryReads;
  ownership: OwnershipRollups;
  runbooks: Runbooks;
  planner: ActionPlans;
  executor: ActionExecutions;
  failovers: FailoverRecords;
  waivers: WaiverRequests;
}): Promise<express.Router> {
  const { httpAuth, clusters, readiness, ownership, runbooks } = options;
  const router = await createValidatedRouter();

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/clusters', async (req, res) => {
    await credentialsOf(req);
    const body: ClustersResponse = {
      clusters: clusters.list(),
      pairs: options.pairs,
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/readiness', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const credentials = await credentialsOf(req);
    res.json(await readiness.getEntityReport(ref.compound, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const { days } = parseInput(historyQuerySchema, req.query, 'query');
    const credentials = await credentialsOf(req);
    res.json(
      await options.history.getEntityHistory(ref.compound, days, credentials),
    );
  });

  router.get('/entities/:kind/:namespace/:name/runbooks', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const credentials = await credentialsOf(req);
    res.json(await runbooks.getRunbooks(ref.compound, credentials));
  });

  router.put(
    '/entities/:kind/:namespace/:name/runbooks/:runbook/items/:item',
    async (req, res) => {
      const path = parseInput(runbookItemPathSchema, req.params, 'path');
      const update = parseInput(runbookItemUpdateSchema, req.body, 'body');
      const ref = toEntityRef(path);
      const credentials = await credentialsOf(req);
      res.json(
        await runbooks.setItem(
          ref.compound,
          path.runbook,
          path.item,
          update,
          credentials,
        ),
      );
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/actions/:action/plan',
    async (req, res) => {
      const path = parseInput(actionPathSchema, req.params, 'path');
      const body = parseInput(actionPlanRequestSchema, req.body ?? {}, 'body');
      const ref = toEntityRef(path);
      const credentials = await credentialsOf(req);
      res.json(
        await options.planner.plan(
          ref.compound,
          path.action,
          body,
          credentials,
        ),
      );
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/actions/:action/executions',
    async (req, res) => {
      const path = parseInput(actionPathSchema, req.params, 'path');
      const body = parseInput(actionExecutionRequestSchema, req.body, 'body');
      const ref = toEntityRef(path);
      const credentials = await credentialsOf(req);
      res
        .status(202)
        .json(
          await options.executor.execute(
            ref.text,
            path.action,
            body,
            credentials,
          ),
        );
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/executions',
    async (req, res) => {
      const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
      const credentials = await credentialsOf(req);
      const body: ExecutionsResponse = {
        entityRef: ref.text,
        executions: await options.executor.list(ref.text, credentials),
      };
      res.json(body);
    },
  );

  router.get('/executions/:id', async (req, res) => {
    const { id } = parseInput(executionPathSchema, req.params, 'path');
    const credentials = await credentialsOf(req);
    res.json(await options.executor.get(id, credentials));
  });

  router.post('/executions/:id/resume', async (req, res) => {
    const { id } = parseInput(executionPathSchema, req.params, 'path');
    const body = parseInput(actionResumeRequestSchema, req.body, 'body');
    const credentials = await credentialsOf(req);
    res
      .status(202)
      .json(await options.executor.resume(id, body.confirmation, credentials));
  });

  // A failover or failback done outside Kube Reserve, recorded by hand.
  router.post('/entities/:kind/:namespace/:name/failover', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const body = parseInput(failoverRecordRequestSchema, req.body, 'body');
    const credentials = await credentialsOf(req);
    res
      .status(201)
      .json(
        await options.failovers.recordByHand(ref.compound, body, credentials),
      );
  });

  router.delete(
    '/entities/:kind/:namespace/:name/failover',
    async (req, res) => {
      const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
      const credentials = await credentialsOf(req);
      res.json(await options.failovers.endByHand(ref.compound, credentials));
    },
  );

  router.get('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const credentials = await credentialsOf(req);
    res.json(await options.waivers.listWaivers(ref.compound, credentials));
  });

  router.post('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const body = parseInput(waiverCreateRequestSchema, req.body, 'body');
    const credentials = await credentialsOf(req);
    res
      .status(201)
      .json(
        await options.waivers.createWaiver(ref.compound, body, credentials),
      );
  });

  router.delete('/waivers/:id', async (req, res) => {
    const { id } = parseInput(waiverPathSchema, req.params, 'path');
    const credentials = await credentialsOf(req);
    res.json(await options.waivers.revokeWaiver(id, credentials));
  });

  router.get('/ownership', async (req, res) => {
    const query = parseInput(ownershipQuerySchema, req.query, 'query');
    const credentials = await credentialsOf(req);
    res.json(
      await ownership.getOwnership(query.group, query.aggregate, credentials),
    );
  });

  return router;
}
