import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ActionExecution,
  ActionExecutionRequest,
  ReserveActionId,
  reserveActionExecutePermission,
} from '@kube-reserve/plugin-reserve-common';
import { ActionExecutor } from '../actions/ActionExecutor';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router asks of executions, on a caller's behalf. */
export interface ActionExecutions {
  execute: ActionExecutor['execute'];
  resume: ActionExecutor['resume'];
  get(id: string, credentials: BackstageCredentials): Promise<ActionExecution>;
  list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution[]>;
}

/**
 * Executions for callers who may read the entity's readiness; starting or resuming one also
 * takes `reserve.action.execute`. An execution of an entity the caller may not read answers
 * as a missing one does, without its entity.
 */
export class AuthorizedActionExecutor implements ActionExecutions {
  constructor(
    private readonly executor: Pick<
      ActionExecutor,
      'execute' | 'resume' | 'get' | 'list'
    >,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async execute(
    entityRef: string,
    action: ReserveActionId,
    request: ActionExecutionRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
    await this.authorizer.authorizeChange(
      reserveActionExecutePermission,
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.executor.execute(entityRef, action, request, credentials);
  }

  async resume(
    id: string,
    confirmation: string,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
    const { entityRef } = await this.executor.get(id);
    await this.authorizer.authorizeChange(
      reserveActionExecutePermission,
      entityRef,
      credentials,
      noExecution(id),
    );
    return this.executor.resume(id, confirmation, credentials);
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution> {
    const execution = await this.executor.get(id);
    await this.authorizer.authorizeRead(
      execution.entityRef,
      credentials,
      noExecution(id),
    );
    return execution;
  }

  /**
   * The entity's executions; for a caller who may not read the entity, none, as for an entity
   * that does not exist (a list is filtered, as the catalog filters its lists).
   */
  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ActionExecution[]> {
    const [readable] = await this.authorizer.readable([entityRef], credentials);
    return readable ? this.executor.list(entityRef) : [];
  }
}

// What a missing execution answers (ActionExecutor.get); a refused read answers the same.
function noExecution(id: string): () => NotFoundError {
  return () => new NotFoundError(`No execution ${id}`);
}
