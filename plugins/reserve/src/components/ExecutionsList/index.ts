export { ExecutionsList } from './ExecutionsList';
