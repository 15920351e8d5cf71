export { EntityReserveCard } from './EntityReserveCard';
