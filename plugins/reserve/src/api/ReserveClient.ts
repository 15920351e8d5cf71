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
  EntityHistory,
  EntityWaivers,
  ExecutionsResponse,
  EntityReport,
  ManualRunbookItem,
  OwnershipResponse,
  ReserveActionId,
  RunbooksResponse,
  Waiver,
  WaiverCreateRequest,
} from '@kube-reserve/plugin-reserve-common';
import { DefaultApiClient, TypedResponse } from '../schema/openapi';
import {
  EntityHistoryOptions,
  OwnershipRequest,
  ReserveApi,
  RunbookItemRequest,
} from './ReserveApi';

function entityPath(entity: CompoundEntityRef) {
  const { kind, namespace, name } = entity;
  return { kind, namespace, name };
}

/**
 * {@link ReserveApi} over HTTP, against the backend plugin mounted at `/api/reserve`, through
 * the client generated from the backend's OpenAPI document
 * (plugins/reserve-backend/src/schema/openapi.yaml). Each method answers the common
 * package's type, and the compiler checks that the generated type is assignable to it: a
 * document that drifts from the types the components read does not build.
 */
export class ReserveClient implements ReserveApi {
  private readonly api: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = new DefaultApiClient(options);
  }

  async getClusters(): Promise<ClustersResponse> {
    return this.read(await this.api.getClusters({}));
  }

  async getEntityReport(entity: CompoundEntityRef): Promise<EntityReport> {
    return this.read(
      await this.api.getEntityReadiness({ path: entityPath(entity) }),
    );
  }

  async getEntityHistory(
    entity: CompoundEntityRef,
    options: EntityHistoryOptions = {},
  ): Promise<EntityHistory> {
    const { days } = options;
    return this.read(
      await this.api.getEntityHistory({
        path: entityPath(entity),
        query: days === undefined ? {} : { days: String(days) },
      }),
    );
  }

  async getOwnership(request: OwnershipRequest): Promise<OwnershipResponse> {
    return this.read(
      await this.api.getOwnership({
        query: {
          group: request.group,
          aggregate: request.aggregate ? 'true' : 'false',
        },
      }),
    );
  }

  async getRunbooks(entity: CompoundEntityRef): Promise<RunbooksResponse> {
    return this.read(
      await this.api.getEntityRunbooks({ path: entityPath(entity) }),
    );
  }

  async updateRunbookItem(
    request: RunbookItemRequest,
  ): Promise<ManualRunbookItem> {
    const { entity, runbook, item, update } = request;
    return this.read(
      await this.api.updateRunbookItem({
        path: { ...entityPath(entity), runbook, item },
        body: update,
      }),
    );
  }

  async planAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    options: ActionPlanOptions = {},
  ): Promise<ActionPlan> {
    return this.read(
      await this.api.planAction({
        path: { ...entityPath(entity), action },
        body: options,
      }),
    );
  }

  async executeAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    request: ActionExecutionRequest,
  ): Promise<ActionExecution> {
    return this.read(
      await this.api.executeAction({
        path: { ...entityPath(entity), action },
        body: request,
      }),
    );
  }

  async getExecution(id: string): Promise<ActionExecution> {
    return this.read(await this.api.getExecution({ path: { id } }));
  }

  async listExecutions(entity: CompoundEntityRef): Promise<ExecutionsResponse> {
    return this.read(
      await this.api.listEntityExecutions({ path: entityPath(entity) }),
    );
  }

  async resumeExecution(
    id: string,
    request: ActionResumeRequest,
  ): Promise<ActionExecution> {
    return this.read(
      await this.api.resumeExecution({ path: { id }, body: request }),
    );
  }

  async listWaivers(entity: CompoundEntityRef): Promise<EntityWaivers> {
    return this.read(await this.api.listWaivers({ path: entityPath(entity) }));
  }

  async createWaiver(
    entity: CompoundEntityRef,
    request: WaiverCreateRequest,
  ): Promise<Waiver> {
    return this.read(
      await this.api.createWaiver({ path: entityPath(entity), body: request }),
    );
  }

  async revokeWaiver(id: string): Promise<Waiver> {
    return this.read(await this.api.revokeWaiver({ path: { id } }));
  }

  private async read<T>(response: TypedResponse<T>): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return await response.json();
  }
}
