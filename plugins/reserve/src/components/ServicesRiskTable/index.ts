export { ServicesRiskTable } from './ServicesRiskTable';
