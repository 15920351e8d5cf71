export { CheckStateStatus } from './CheckStateStatus';
