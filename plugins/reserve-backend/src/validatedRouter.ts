import { ErrorRequestHandler, Request } from 'express';
import { z } from 'zod';
import { createOpenApiRouter } from './schema/openapi';
import {
  actionExecutionRequestSchema,
  actionPathSchema,
  actionPlanRequestSchema,
  actionResumeRequestSchema,
  entityPathSchema,
  executionPathSchema,
  historyQuerySchema,
  failoverRecordRequestSchema,
  ownershipQuerySchema,
  parseInput,
  runbookItemPathSchema,
  runbookItemUpdateSchema,
  waiverCreateRequestSchema,
  waiverPathSchema,
} from './schema/validation';

/** The zod schemas one operation's handler parses its input with. */
export interface OperationInput {
  path?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/**
 * Each operation of `schema/openapi.yaml`, keyed `METHOD /path/{template}`, with the zod
 * schemas its handler in the router parses.
 */
export const operationInputs: Record<string, OperationInput> = {
  'GET /entities/{kind}/{namespace}/{name}/readiness': {
    path: entityPathSchema,
  },
  'GET /entities/{kind}/{namespace}/{name}/history': {
    path: entityPathSchema,
    query: historyQuerySchema,
  },
  'GET /entities/{kind}/{namespace}/{name}/runbooks': {
    path: entityPathSchema,
  },
  'PUT /entities/{kind}/{namespace}/{name}/runbooks/{runbook}/items/{item}': {
    path: runbookItemPathSchema,
    body: runbookItemUpdateSchema,
  },
  'POST /entities/{kind}/{namespace}/{name}/actions/{action}/plan': {
    path: actionPathSchema,
    body: actionPlanRequestSchema.optional(),
  },
  'POST /entities/{kind}/{namespace}/{name}/actions/{action}/executions': {
    path: actionPathSchema,
    body: actionExecutionRequestSchema,
  },
  'GET /entities/{kind}/{namespace}/{name}/executions': {
    path: entityPathSchema,
  },
  'POST /entities/{kind}/{namespace}/{name}/failover': {
    path: entityPathSchema,
    body: failoverRecordRequestSchema,
  },
  'DELETE /entities/{kind}/{namespace}/{name}/failover': {
    path: entityPathSchema,
  },
  'GET /entities/{kind}/{namespace}/{name}/waivers': {
    path: entityPathSchema,
  },
  'POST /entities/{kind}/{namespace}/{name}/waivers': {
    path: entityPathSchema,
    body: waiverCreateRequestSchema,
  },
  'DELETE /waivers/{id}': { path: waiverPathSchema },
  'GET /executions/{id}': { path: executionPathSchema },
  'POST /executions/{id}/resume': {
    path: executionPathSchema,
    body: actionResumeRequestSchema,
  },
  'GET /ownership': { query: ownershipQuerySchema },
};

// What express-openapi-validator leaves on a request it matched to an operation.
type MatchedRequest = Request & {
  openapi?: { openApiRoute: string; pathParams: Record<string, string> };
};

/**
 * An error handler for the validated router, right after it: when the OpenAPI document
 * refuses a request that our own schemas refuse too, the answer carries our message (which
 * names the field in words: "note: note is required, say what was done") instead of the
 * validator's ("request/body must have required property 'note'"). Either way it is an
 * InputError. Errors that did not come from matching an operation (malformed JSON, a body
 * too large) pass through untouched.
 */
export function preferFieldMessages(
  inputs: Record<string, OperationInput> = operationInputs,
): ErrorRequestHandler {
  return (error, req: MatchedRequest, _res, next) => {
    const input = req.openapi
      ? inputs[`${req.method} ${req.openapi.openApiRoute}`]
      : undefined;
    if (!input) {
      next(error);
      return;
    }
    try {
      if (input.path) parseInput(input.path, req.openapi!.pathParams, 'path');
      if (input.query) parseInput(input.query, req.query, 'query');
      if (input.body) parseInput(input.body, req.body, 'body');
    } catch (ours) {
      next(ours);
      return;
    }
    next(error);
  };
}

/**
 * The router of the reserve API: requests are validated against `schema/openapi.yaml` (the
 * generated router, with Backstage's JSON body parser), refusals carry our field messages
 * where ours refuse too. Authentication stays with Backstage: the document's bearer scheme
 * describes it, and `httpAuth` enforces it (the validator would only check that a header is
 * there, and answer its absence with a 400).
 */
export async function createValidatedRouter() {
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  router.use(preferFieldMessages());
  return router;
}
