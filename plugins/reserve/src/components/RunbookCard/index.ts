export { RunbookCard } from './RunbookCard';
