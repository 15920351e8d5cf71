import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { checkCatalogue } from '@kube-reserve/plugin-reserve-common';

/** The id Kube Reserve's facts are stored under: a jsonfc check names it in `factIds`. */
export const RESERVE_FACT_RETRIEVER_ID = 'reserveReadinessFactRetriever';

/**
 * The schema's version. Tech Insights stores a schema once per version and jsonfc refuses a
 * check naming a fact the stored schema lacks, so bump it whenever a fact is added, removed or
 * changes type, including when the check catalogue gains or loses a check (each check is a
 * fact). `factSchema.test.ts` fails until the version is bumped.
 */
export const RESERVE_FACT_SCHEMA_VERSION = '0.1.0';

const CHECK_STATES =
  '`pass`, `warn`, `fail`, `unknown` (data missing), `not-applicable` or `waived`';

/*
 * What jsonfc can reference decides the shape. A condition compares one top-level fact
 * (optionally narrowed by a JSONPath `path`) with an operator such as `equal`, `in`,
 * `contains` or `greaterThanInclusive`. So each check's state is a string fact of its own,
 * named like the check (`parity.cronjobs`), which `equal` or `in` compares directly; an
 * `object` fact of every state would need a JSONPath with a quoted dotted key
 * (`$['parity.cronjobs']`) in every rule. The sets serve `contains` / `doesNotContain` and
 * "none at all" (`path: $.length`, `equal: 0`).
 */
const reportFacts: FactSchema = {
  verdict: {
    type: 'string',
    description:
      'Could the service run from its reserve now: `ready`, `at-risk`, `not-ready` or `unknown` (a critical check without data)',
  },
  score: {
    type: 'integer',
    description:
      'Readiness score, 0 to 100: the weighted share of credit over applicable checks, rounded down',
  },
  judgedAt: {
    type: 'datetime',
    description:
      'When Kube Reserve judged the report these facts were read from',
  },
  failingChecks: {
    type: 'set',
    description:
      'Ids of the checks that fail (a waived failure is `waived`, not here), e.g. `parity.cronjobs`',
  },
  unknownChecks: {
    type: 'set',
    description:
      'Ids of the checks without data: a cluster unreachable, a kind forbidden or not collected',
  },
};

const checkFacts: FactSchema = Object.fromEntries(
  checkCatalogue.map(check => [
    check.id,
    {
      type: 'string',
      description: `${check.title} (${check.severity}, ${check.category}): ${CHECK_STATES}`,
      metadata: { severity: check.severity, category: check.category },
    },
  ]),
);

/**
 * Every fact Kube Reserve publishes for an entity: its verdict, score, when it was judged,
 * the failing and unknown checks, and each check's state under the check's id.
 */
export const reserveFactSchema: FactSchema = { ...reportFacts, ...checkFacts };
