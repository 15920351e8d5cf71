export { reserveApiRef } from './ReserveApi';
export type {
  ReserveApi,
  ClustersResponse,
  EntityHistoryOptions,
  OwnershipRequest,
  RunbookItemRequest,
} from './ReserveApi';
export { ReserveClient } from './ReserveClient';
