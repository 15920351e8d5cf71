import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityReport,
  OwnershipResponse,
} from '@kube-reserve/plugin-reserve-common';
import { ClustersResponse, OwnershipRequest, ReserveApi } from './ReserveApi';

/** {@link ReserveApi} over HTTP, against the backend plugin mounted at `/api/reserve`. */
export class ReserveClient implements ReserveApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ClustersResponse> {
    return this.request<ClustersResponse>('/clusters');
  }

  async getEntityReport(entity: CompoundEntityRef): Promise<EntityReport> {
    const segments = [entity.kind, entity.namespace, entity.name].map(
      encodeURIComponent,
    );
    return this.request<EntityReport>(
      `/entities/${segments.join('/')}/readiness`,
    );
  }

  async getOwnership(request: OwnershipRequest): Promise<OwnershipResponse> {
    const query = new URLSearchParams({
      group: request.group,
      aggregate: String(request.aggregate),
    });
    return this.request<OwnershipResponse>(`/ownership?${query}`);
  }

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reserve');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
