export { RunbooksSection } from './RunbooksSection';
