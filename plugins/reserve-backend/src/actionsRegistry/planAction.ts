import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { reserveActionIds } from '@kube-reserve/plugin-reserve-common';
import { parseEntityRefInput } from '../schema/validation';
import { ActionPlans } from '../authorization/AuthorizedActionPlanner';

/**
 * Registers `plan-reserve-action` in Backstage's actions registry: a dry run that changes no
 * cluster. Running a plan stays a person's decision, through the API with a typed confirmation.
 */
export function registerPlanAction(
  actionsRegistry: ActionsRegistryService,
  planner: ActionPlans,
): void {
  actionsRegistry.register({
    name: 'plan-reserve-action',
    title: 'Plan a reserve action',
    description:
      'Plans (dry run, changes nothing) a failover, failback, back up now or restore drill of a catalog entity: ordered steps, each a concrete change on a named Kubernetes object (before and after), and warnings. Running the plan needs a person with reserve.action.execute.',
    attributes: { readOnly: true, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The entity, e.g. component:default/checkout'),
          action: z.enum(reserveActionIds).describe('The action to plan'),
          scaleDownPrimary: z
            .boolean()
            .optional()
            .describe('Failover: also scale the primary to 0'),
          reserve: z
            .string()
            .optional()
            .describe('The reserve, when the entity has several'),
        }),
      output: z =>
        z.object({
          planId: z.string(),
          entityRef: z.string(),
          action: z.string(),
          steps: z.array(
            z.object({
              index: z.number(),
              kind: z.string(),
              title: z.string(),
              cluster: z.string().optional(),
            }),
          ),
          warnings: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const plan = await planner.plan(
        parseEntityRefInput(input.entityRef, 'entityRef').compound,
        input.action,
        {
          ...(input.scaleDownPrimary !== undefined
            ? { scaleDownPrimary: input.scaleDownPrimary }
            : {}),
          ...(input.reserve ? { reserve: input.reserve } : {}),
        },
        credentials,
      );
      return {
        output: {
          planId: plan.id,
          entityRef: plan.entityRef,
          action: plan.action,
          steps: plan.steps.map(({ index, kind, title, cluster }) => ({
            index,
            kind,
            title,
            ...(cluster ? { cluster } : {}),
          })),
          warnings: plan.warnings,
        },
      };
    },
  });
}
