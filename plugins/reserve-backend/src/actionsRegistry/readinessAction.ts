import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ReadinessReports } from '../authorization/AuthorizedReadinessService';
import { parseEntityRefInput } from '../schema/validation';

/** Registers `get-reserve-readiness` in Backstage's actions registry (read-only). */
export function registerReadinessAction(
  actionsRegistry: ActionsRegistryService,
  readiness: ReadinessReports,
): void {
  actionsRegistry.register({
    name: 'get-reserve-readiness',
    title: 'Get reserve readiness',
    description:
      'Whether a catalog entity could run from its reserve Kubernetes cluster now: verdict, score (0-100) and every check with its state and message.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The entity, e.g. component:default/checkout'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          verdict: z.enum(['ready', 'at-risk', 'not-ready', 'unknown']),
          score: z.number(),
          generatedAt: z.string(),
          checks: z.array(
            z.object({
              id: z.string(),
              state: z.string(),
              message: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const report = await readiness.getEntityReport(
        parseEntityRefInput(input.entityRef, 'entityRef').compound,
        credentials,
      );
      return {
        output: {
          entityRef: report.entityRef,
          verdict: report.verdict,
          score: report.score,
          generatedAt: report.generatedAt,
          checks: report.checks.map(({ id, state, message }) => ({
            id,
            state,
            message,
          })),
        },
      };
    },
  });
}
