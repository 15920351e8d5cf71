export { ReservePage } from './ReservePage';
