export { ReadinessTrend } from './ReadinessTrend';
