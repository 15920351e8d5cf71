export { RpoGauge } from './RpoGauge';
