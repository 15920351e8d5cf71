export { reserveApiRef } from './ReserveApi';
export type {
  ReserveApi,
  ClustersResponse,
  OwnershipRequest,
  RunbookItemRequest,
} from './ReserveApi';
export { ReserveClient } from './ReserveClient';
