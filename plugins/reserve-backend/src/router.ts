import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ClusterPair,
  ClustersResponse,
  ExecutionsResponse,
  reserveActionExecutePermission,
  reserveReadinessReadPermission,
  reserveRunbookUpdatePermission,
} from '@kube-reserve/plugin-reserve-common';
import express from 'express';
import Router from 'express-promise-router';
import { ActionExecutor } from './actions/ActionExecutor';
import { ActionPlanner } from './actions/ActionPlanner';
import { FailoverService } from './failover/FailoverService';
import { OwnershipService } from './ownership/OwnershipService';
import { ClusterOverview } from './platform/ClusterOverview';
import { ReadinessService } from './readiness/ReadinessService';
import { RunbookService } from './runbooks/RunbookService';
import {
  actionExecutionRequestSchema,
  actionPathSchema,
  actionPlanRequestSchema,
  actionResumeRequestSchema,
  entityPathSchema,
  executionPathSchema,
  failoverRecordRequestSchema,
  ownershipQuerySchema,
  parseInput,
  runbookItemPathSchema,
  runbookItemUpdateSchema,
  toEntityRef,
} from './validation';

/** HTTP only: validate, get credentials, authorize, call a service. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  clusters: ClusterOverview;
  pairs: ClusterPair[];
  readiness: ReadinessService;
  ownership: OwnershipService;
  runbooks: RunbookService;
  planner: ActionPlanner;
  executor: ActionExecutor;
  failovers: FailoverService;
}): Promise<express.Router> {
  const { httpAuth, permissions, clusters, readiness, ownership, runbooks } =
    options;
  const router = Router();
  router.use(express.json());

  const authorize = async (
    req: express.Request,
    permission: ResourcePermission<'catalog-entity'>,
    resourceRef: string,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const error = new NotAllowedError(
        `Not allowed to ${permission.name} on ${resourceRef}`,
      );
      // A refused attempt to change something is worth an audit line; a refused read is not.
      if (permission.attributes.action !== 'read') {
        const event = await options.auditor.createEvent({
          eventId: 'reserve-permission-refused',
          severityLevel: 'medium',
          request: req,
          meta: { permission: permission.name, entityRef: resourceRef },
        });
        await event.fail({ error });
      }
      throw error;
    }
    return credentials;
  };

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: ClustersResponse = {
      clusters: clusters.list(),
      pairs: options.pairs,
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/readiness', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const credentials = await authorize(
      req,
      reserveReadinessReadPermission,
      ref.text,
    );
    res.json(await readiness.getEntityReport(ref.compound, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/runbooks', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const credentials = await authorize(
      req,
      reserveReadinessReadPermission,
      ref.text,
    );
    res.json(await runbooks.getRunbooks(ref.compound, credentials));
  });

  router.put(
    '/entities/:kind/:namespace/:name/runbooks/:runbook/items/:item',
    async (req, res) => {
      const path = parseInput(runbookItemPathSchema, req.params, 'path');
      const update = parseInput(runbookItemUpdateSchema, req.body, 'body');
      const ref = toEntityRef(path);
      const credentials = await authorize(
        req,
        reserveRunbookUpdatePermission,
        ref.text,
      );
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
      const credentials = await authorize(
        req,
        reserveReadinessReadPermission,
        ref.text,
      );
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
      const credentials = await authorize(
        req,
        reserveActionExecutePermission,
        ref.text,
      );
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
      await authorize(req, reserveReadinessReadPermission, ref.text);
      const body: ExecutionsResponse = {
        entityRef: ref.text,
        executions: await options.executor.list(ref.text),
      };
      res.json(body);
    },
  );

  router.get('/executions/:id', async (req, res) => {
    const { id } = parseInput(executionPathSchema, req.params, 'path');
    const execution = await options.executor.get(id);
    await authorize(req, reserveReadinessReadPermission, execution.entityRef);
    res.json(execution);
  });

  router.post('/executions/:id/resume', async (req, res) => {
    const { id } = parseInput(executionPathSchema, req.params, 'path');
    const body = parseInput(actionResumeRequestSchema, req.body, 'body');
    const execution = await options.executor.get(id);
    const credentials = await authorize(
      req,
      reserveActionExecutePermission,
      execution.entityRef,
    );
    res
      .status(202)
      .json(await options.executor.resume(id, body.confirmation, credentials));
  });

  // A failover or failback done outside Kube Reserve, recorded by hand: it changes how the
  // entity is judged, so it takes the permission to run actions.
  router.post('/entities/:kind/:namespace/:name/failover', async (req, res) => {
    const ref = toEntityRef(parseInput(entityPathSchema, req.params, 'path'));
    const body = parseInput(failoverRecordRequestSchema, req.body, 'body');
    const credentials = await authorize(
      req,
      reserveActionExecutePermission,
      ref.text,
    );
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
      const credentials = await authorize(
        req,
        reserveActionExecutePermission,
        ref.text,
      );
      res.json(await options.failovers.endByHand(ref.compound, credentials));
    },
  );

  router.get('/ownership', async (req, res) => {
    const query = parseInput(ownershipQuerySchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const response = await ownership.getOwnership(
      query.group,
      query.aggregate,
      credentials,
    );
    const decisions = await permissions.authorize(
      response.entities.map(row => ({
        permission: reserveReadinessReadPermission,
        resourceRef: row.entityRef,
      })),
      { credentials },
    );
    res.json({
      ...response,
      entities: response.entities.filter(
        (_row, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    });
  });

  return router;
}
