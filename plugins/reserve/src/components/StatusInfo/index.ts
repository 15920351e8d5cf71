export { StatusInfo } from './StatusInfo';
