export type { CheckFunction, RegisteredCheck } from './CheckFunction';
export { implementedChecks } from './registry';
