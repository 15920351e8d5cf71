import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
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
  RunbookId,
  RunbookItemUpdate,
  RunbooksResponse,
  Waiver,
  WaiverCreateRequest,
} from '@kube-reserve/plugin-reserve-common';

/** The answer of `GET /clusters`: every configured cluster and the configured pairs. */
export type { ClustersResponse };

/** Options of {@link ReserveApi.getOwnership}. */
export interface OwnershipRequest {
  /** The group as an entity ref, e.g. `group:default/team-payments`. */
  group: string;
  /** Whether to include what the group's child groups own. */
  aggregate: boolean;
}

/** Options of {@link ReserveApi.getEntityHistory}. */
export interface EntityHistoryOptions {
  /** How many days back, 1 to 366; the backend's default (90) when absent. */
  days?: number;
}

/** Which manual runbook item to tick or untick, for {@link ReserveApi.updateRunbookItem}. */
export interface RunbookItemRequest {
  entity: CompoundEntityRef;
  runbook: RunbookId;
  item: string;
  update: RunbookItemUpdate;
}

/** Reads reserve readiness from the Kube Reserve backend. */
export interface ReserveApi {
  /** Every configured cluster with its facts and connection status, and the configured pairs. */
  getClusters(): Promise<ClustersResponse>;
  /** The readiness report of one entity. */
  getEntityReport(entity: CompoundEntityRef): Promise<EntityReport>;
  /** Every change of an entity's verdict, score and check states over the last days. */
  getEntityHistory(
    entity: CompoundEntityRef,
    options?: EntityHistoryOptions,
  ): Promise<EntityHistory>;
  /** One summary row per entity a group owns, plus the clusters it owns. */
  getOwnership(request: OwnershipRequest): Promise<OwnershipResponse>;
  /** The runbooks of one entity, with live item states. */
  getRunbooks(entity: CompoundEntityRef): Promise<RunbooksResponse>;
  /** Ticks or unticks a manual runbook item; resolves to the item as stored. */
  updateRunbookItem(request: RunbookItemRequest): Promise<ManualRunbookItem>;
  /** Plans an action on an entity without changing anything; resolves to the dry run. */
  planAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    options?: ActionPlanOptions,
  ): Promise<ActionPlan>;
  /** Starts running a plan; resolves (202) to the execution while it runs. */
  executeAction(
    entity: CompoundEntityRef,
    action: ReserveActionId,
    request: ActionExecutionRequest,
  ): Promise<ActionExecution>;
  /** One execution with its steps' states, to follow a run. */
  getExecution(id: string): Promise<ActionExecution>;
  /** The executions of an entity, newest first. */
  listExecutions(entity: CompoundEntityRef): Promise<ExecutionsResponse>;
  /** Resumes a failed or interrupted execution from its first unfinished step. */
  resumeExecution(
    id: string,
    request: ActionResumeRequest,
  ): Promise<ActionExecution>;
  /** The entity's waivers in force and past, and how long a new one may last. */
  listWaivers(entity: CompoundEntityRef): Promise<EntityWaivers>;
  /** Waives a check of the entity; resolves (201) to the waiver as stored. */
  createWaiver(
    entity: CompoundEntityRef,
    request: WaiverCreateRequest,
  ): Promise<Waiver>;
  /** Revokes a waiver in force; resolves to it, revoked. */
  revokeWaiver(id: string): Promise<Waiver>;
}

/** The API reference of {@link ReserveApi}. */
export const reserveApiRef = createApiRef<ReserveApi>({
  id: 'plugin.reserve.service',
});
