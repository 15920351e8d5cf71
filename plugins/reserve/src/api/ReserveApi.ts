import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ClusterPair,
  ClusterSummary,
  EntityReport,
  OwnershipResponse,
} from '@kube-reserve/plugin-reserve-common';

/** The answer of `GET /clusters`; `pairs` is the configured topology when the backend sends it. */
export interface ClustersResponse {
  clusters: ClusterSummary[];
  pairs?: ClusterPair[];
}

/** Options of {@link ReserveApi.getOwnership}. */
export interface OwnershipRequest {
  /** The group as an entity ref, e.g. `group:default/team-payments`. */
  group: string;
  /** Whether to include what the group's child groups own. */
  aggregate: boolean;
}

/** Reads reserve readiness from the Kube Reserve backend. */
export interface ReserveApi {
  /** Every configured cluster with its facts and connection status. */
  getClusters(): Promise<ClustersResponse>;
  /** The readiness report of one entity. */
  getEntityReport(entity: CompoundEntityRef): Promise<EntityReport>;
  /** One summary row per entity a group owns, plus the clusters it owns. */
  getOwnership(request: OwnershipRequest): Promise<OwnershipResponse>;
}

/** The API reference of {@link ReserveApi}. */
export const reserveApiRef = createApiRef<ReserveApi>({
  id: 'plugin.reserve.service',
});
