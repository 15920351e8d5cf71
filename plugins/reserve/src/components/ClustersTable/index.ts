export { ClustersTable } from './ClustersTable';
export type { ClusterListItem } from './ClustersTable';
