export { SpecDiff } from './SpecDiff';
