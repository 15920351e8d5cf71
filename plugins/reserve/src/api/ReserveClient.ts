import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionExecution,
  ActionExecutionRequest,
  ActionPlan,
  ActionPlanOptions,
  ActionResumeRequest,
  ClustersResponse,
  ExecutionsResponse,
  EntityReport,
  ManualRunbookItem,
  OwnershipResponse,
  ReserveActionId,
  RunbooksResponse,
} from '@kube-reserve/plugin-reserve-common';
import { OwnershipRequest, ReserveApi, RunbookItemRequest } from './ReserveApi';

function entityPath(entity: CompoundEntityRef): string {
  const segments = [entity.kind, entity.namespace, entity.name];
  return `/entities/${segments.map(encodeURIComponent).join('/')}`;
}

function actionPath(entity: CompoundEntityRef, action: ReserveActionId) {
  return `${entityPath(entity)}/actions/${encodeURIComponent(action)}`;
}

function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

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
    return this.request<EntityReport>(`${entityPath(entity)}/readiness`);
  }

  async getOwnership(request: OwnershipRequest): Promise<OwnershipResponse> {
    const query = new URLSearchParams({
      group: request.group,
      aggregate: String(request.aggregate),
    });
    return this.request<OwnershipResponse>(`/ownership?${query}`);
  }

  async getRunbooks(entity: CompoundEntityRef): Promise<RunbooksResponse> {
    return this.request<RunbooksResponse>(`${entityPath(entity)}/runbooks`);
  }

  async updateRunbookItem(
    request: RunbookItemRequest,
  ): Promise<ManualRunbookItem> {
    const { entity, runbook, item, update } = request;
    const path = `${entityPath(entity)}/runbooks/${encodeURIComponent(
      runbook,
    )}/items/${encodeURIComponent(item)}`;
    return this.request<ManualRunbookItem>(path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(update),
    });
  }

  async planAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    options: ActionPlanOptions = {},
  ): Promise<ActionPlan> {
    return this.request<ActionPlan>(
      `${actionPath(entity, action)}/plan`,
      jsonPost(options),
    );
  }

  async executeAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    request: ActionExecutionRequest,
  ): Promise<ActionExecution> {
    return this.request<ActionExecution>(
      `${actionPath(entity, action)}/executions`,
      jsonPost(request),
    );
  }

  async getExecution(id: string): Promise<ActionExecution> {
    return this.request<ActionExecution>(
      `/executions/${encodeURIComponent(id)}`,
    );
  }

  async listExecutions(entity: CompoundEntityRef): Promise<ExecutionsResponse> {
    return this.request<ExecutionsResponse>(`${entityPath(entity)}/executions`);
  }

  async resumeExecution(
    id: string,
    request: ActionResumeRequest,
  ): Promise<ActionExecution> {
    return this.request<ActionExecution>(
      `/executions/${encodeURIComponent(id)}/resume`,
      jsonPost(request),
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reserve');
    const url = `${baseUrl}${path}`;
    // A GET passes no init at all, so the fetchApi sees exactly what it saw before writes existed.
    const response = await (init
      ? this.fetchApi.fetch(url, init)
      : this.fetchApi.fetch(url));
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
