export { ReserveErrorPanel } from './ReserveErrorPanel';
