import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ManualRunbookItem,
  RunbookItemUpdate,
  RunbooksResponse,
  reserveRunbookUpdatePermission,
} from '@kube-reserve/plugin-reserve-common';
import { RunbookService } from '../runbooks/RunbookService';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router asks of runbooks. */
export type Runbooks = Pick<RunbookService, 'getRunbooks' | 'setItem'>;

/**
 * Runbooks for callers who may read the entity's readiness; ticking an item also takes
 * `reserve.runbook.update`.
 */
export class AuthorizedRunbookService implements Runbooks {
  constructor(
    private readonly runbooks: Runbooks,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async getRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<RunbooksResponse> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeRead(
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.runbooks.getRunbooks(ref, credentials);
  }

  async setItem(
    ref: CompoundEntityRef,
    runbook: string,
    item: string,
    update: RunbookItemUpdate,
    credentials: BackstageCredentials,
  ): Promise<ManualRunbookItem> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeChange(
      reserveRunbookUpdatePermission,
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.runbooks.setItem(ref, runbook, item, update, credentials);
  }
}
