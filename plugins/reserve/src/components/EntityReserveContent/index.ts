export { EntityReserveContent } from './EntityReserveContent';
