/**
 * Kube Reserve's backend plugin: could each service run from its reserve cluster?
 *
 * @packageDocumentation
 */
export { reservePlugin as default } from './plugin';
