export { RunbookItemRow } from './RunbookItemRow';
