export { ServicesByRisk } from './ServicesByRisk';
