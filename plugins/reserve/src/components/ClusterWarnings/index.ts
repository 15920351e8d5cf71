export { ClusterWarnings } from './ClusterWarnings';
