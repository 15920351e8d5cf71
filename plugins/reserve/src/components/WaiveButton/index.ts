export { WaiveButton } from './WaiveButton';
