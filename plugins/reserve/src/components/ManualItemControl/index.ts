export { ManualItemControl } from './ManualItemControl';
export type { TickAccess } from './ManualItemControl';
