export { ClusterPairs } from './ClusterPairs';
