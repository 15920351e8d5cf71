import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CheckId, checkCatalogue } from '@kube-reserve/plugin-reserve-common';
import { z } from 'zod';

// Entity names, namespaces and kinds are short DNS-like words; anything else is a client error
// and must never reach the catalog.
const refPart = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty`)
    .max(253, `${what} is longer than 253 characters`)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      `${what} has characters an entity ${what} cannot have`,
    );

/** `:kind/:namespace/:name` of the entity routes. */
export const entityPathSchema = z.object({
  kind: refPart('kind'),
  namespace: refPart('namespace'),
  name: refPart('name'),
});

/** `:kind/:namespace/:name/runbooks/:runbook/items/:item`. */
export const runbookItemPathSchema = entityPathSchema.extend({
  runbook: refPart('runbook'),
  item: refPart('item'),
});

/** The body of `PUT .../runbooks/:runbook/items/:item`: tick or untick, with an optional note. */
export const runbookItemUpdateSchema = z
  .object({
    ticked: z.boolean({ error: 'ticked must be true or false' }),
    note: z
      .string()
      .max(2000, 'note is longer than 2000 characters')
      .optional(),
  })
  .strict();

/** `GET /ownership?group=group:default/x&aggregate=true`. */
export const ownershipQuerySchema = z.object({
  group: z
    .string({ error: 'group is required, e.g. group:default/team-a' })
    .max(512, 'group is longer than 512 characters')
    .transform((text, ctx) => {
      let ref: CompoundEntityRef;
      try {
        ref = parseEntityRef(text, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        });
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
      // Held to the entity routes' rules: a name no entity can have is bad input, not a 404.
      const parts = entityPathSchema.safeParse(ref);
      if (!parts.success) {
        for (const issue of parts.error.issues) {
          ctx.addIssue({ code: 'custom', message: issue.message });
        }
        return z.NEVER;
      }
      return ref;
    }),
  aggregate: z
    .enum(['true', 'false'], { error: "aggregate must be 'true' or 'false'" })
    .optional()
    .transform(value => value === 'true'),
});

/** The most days `GET .../history` reaches back. */
export const HISTORY_MAX_DAYS = 366;

/** The query of `GET .../history`: how many days back, 1 to 366 (default 90). */
export const historyQuerySchema = z.object({
  days: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return 90;
      const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(days >= 1 && days <= HISTORY_MAX_DAYS)) {
        ctx.addIssue({
          code: 'custom',
          message: `days must be a whole number from 1 to ${HISTORY_MAX_DAYS}, not '${text}'`,
        });
        return z.NEVER;
      }
      return days;
    }),
});

/** Validates input, or throws an InputError naming each wrong field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'path' | 'query' | 'body',
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const field = issue.path.join('.') || where;
      return `${field}: ${issue.message}`;
    });
    throw new InputError(`Invalid ${where}: ${problems.join('; ')}`);
  }
  return result.data;
}

/** An entity reference both as parts (for the catalog) and as text (for permissions). */
export function toEntityRef(parts: CompoundEntityRef): {
  compound: CompoundEntityRef;
  text: string;
} {
  const compound = {
    kind: parts.kind.toLowerCase(),
    namespace: parts.namespace.toLowerCase(),
    name: parts.name,
  };
  return { compound, text: stringifyEntityRef(compound) };
}

/**
 * An entity reference given as text (`component:default/checkout`, kind defaulting to
 * Component, namespace to default), held to the same rules as the entity routes' path; an
 * InputError naming the field otherwise.
 */
export function parseEntityRefInput(
  text: string,
  field: string,
): ReturnType<typeof toEntityRef> {
  let parts: CompoundEntityRef;
  try {
    parts = parseEntityRef(text, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid input: ${field}: ${(error as Error).message}`,
    );
  }
  const result = entityPathSchema.safeParse(parts);
  if (!result.success) {
    const problems = result.error.issues.map(issue => issue.message);
    throw new InputError(`Invalid input: ${field}: ${problems.join('; ')}`);
  }
  return toEntityRef(result.data);
}

/** `:kind/:namespace/:name/actions/:action`. */
export const actionPathSchema = entityPathSchema.extend({
  action: z.enum(['failover', 'failback', 'backup-now', 'restore-drill'], {
    error:
      'action must be one of failover, failback, backup-now, restore-drill',
  }),
});

/** The optional body of `POST .../actions/:action/plan`. */
export const actionPlanRequestSchema = z
  .object({
    scaleDownPrimary: z
      .boolean({ error: 'scaleDownPrimary must be true or false' })
      .optional(),
    reserve: refPart('reserve').optional(),
  })
  .strict();

const idSchema = (what: string, of = 'a plan or execution') =>
  z
    .string({ error: `${what} is required` })
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      `${what} is not ${of} id`,
    );

/** The body of `POST .../actions/:action/executions`. */
export const actionExecutionRequestSchema = z
  .object({
    planId: idSchema('planId'),
    confirmation: z
      .string({ error: "confirmation is required: the entity's name" })
      .max(253, 'confirmation is longer than 253 characters'),
  })
  .strict();

/** The body of `POST /executions/:id/resume`. */
export const actionResumeRequestSchema = actionExecutionRequestSchema.pick({
  confirmation: true,
});

/** `/executions/:id`. */
export const executionPathSchema = z.object({ id: idSchema('id') });

/** The body of `POST .../failover`: a failover done by hand, outside Kube Reserve. */
export const failoverRecordRequestSchema = z
  .object({
    servingCluster: refPart('servingCluster'),
    note: z
      .string({
        error:
          'note is required: say what was done, e.g. switched DNS by hand at 14:20',
      })
      .trim()
      .min(1, 'note is empty: say what was done')
      .max(2000, 'note is longer than 2000 characters'),
  })
  .strict();

/** `DELETE /waivers/:id`. */
export const waiverPathSchema = z.object({ id: idSchema('id', 'a waiver') });

/** The body of `POST .../waivers`: which check, where, why and until when. */
export const waiverCreateRequestSchema = z
  .object({
    checkId: z.enum(
      checkCatalogue.map(check => check.id) as [CheckId, ...CheckId[]],
      {
        error: issue =>
          issue.input === undefined
            ? 'checkId is required, e.g. parity.cronjobs'
            : `checkId: ${JSON.stringify(
                issue.input,
              )} is not a check of the catalogue`,
      },
    ),
    cluster: refPart('cluster').optional(),
    reason: z
      .string({ error: 'reason is required: say why the risk is accepted' })
      .trim()
      .min(1, 'reason is empty: say why the risk is accepted')
      .max(2000, 'reason is longer than 2000 characters'),
    expiresAt: z.iso.datetime({
      offset: true,
      error:
        'expiresAt must be an ISO 8601 date-time, e.g. 2027-01-15T00:00:00Z',
    }),
  })
  .strict();
