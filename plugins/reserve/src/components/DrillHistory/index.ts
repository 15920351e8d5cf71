export { DrillHistory } from './DrillHistory';
