export { ClusterComparison } from './ClusterComparison';
