export { reserveApiRef } from './ReserveApi';
export type {
  ReserveApi,
  ClustersResponse,
  OwnershipRequest,
} from './ReserveApi';
export { ReserveClient } from './ReserveClient';
