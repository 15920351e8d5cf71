export { AggregationToggle } from './AggregationToggle';
