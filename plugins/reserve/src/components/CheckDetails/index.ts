export { CheckDetails } from './CheckDetails';
