export { RunbookSectionFacts } from './RunbookSectionFacts';
