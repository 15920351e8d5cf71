/**
 * A Tech Insights module that publishes each catalog entity's Kube Reserve verdict, score and
 * check states as facts.
 *
 * @packageDocumentation
 */

export { techInsightsModuleReserve as default } from './module';
export {
  RESERVE_FACT_RETRIEVER_ID,
  RESERVE_FACT_SCHEMA_VERSION,
  reserveFactSchema,
} from './factSchema';
export { createReserveFactRetriever } from './reserveFactRetriever';
export type { ReserveFactRetrieverOptions } from './reserveFactRetriever';
export { reportFacts } from './reportFacts';
export type { ReserveFacts } from './reportFacts';
