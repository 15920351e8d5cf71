export { GroupReserveContent } from './GroupReserveContent';
