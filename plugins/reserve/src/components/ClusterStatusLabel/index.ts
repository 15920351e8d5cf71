export { ClusterStatusLabel } from './ClusterStatusLabel';
