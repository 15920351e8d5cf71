/**
 * Kube Reserve: whether each service could run from its reserve Kubernetes cluster if the
 * primary burned down now, and what to fix. Legacy frontend system; see `./alpha` for the new one.
 *
 * @packageDocumentation
 */

export {
  reservePlugin,
  ReservePage,
  EntityReserveContent,
  EntityReserveCard,
  EntityGroupReserveContent,
  EntityGroupReserveCard,
} from './plugin';
export {
  isReserveAvailable,
  RESERVE_REQUIRED_ANNOTATIONS,
} from '@kube-reserve/plugin-reserve-common';
export { reserveApiRef, ReserveClient } from './api';
export type { ReserveApi, ClustersResponse, OwnershipRequest } from './api';
export { rootRouteRef as reserveRootRouteRef } from './routes';
