export { PlatformClusters } from './PlatformClusters';
