export { GroupReserveCard } from './GroupReserveCard';
