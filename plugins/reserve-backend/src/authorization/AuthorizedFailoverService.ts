import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  FailoverRecordRequest,
  FailoverState,
  reserveActionExecutePermission,
} from '@kube-reserve/plugin-reserve-common';
import { StoredFailover } from '../database/FailoverStore';
import { FailoverService } from '../failover/FailoverService';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router asks of failovers recorded by hand. */
export type FailoverRecords = Pick<
  FailoverService,
  'recordByHand' | 'endByHand'
>;

/**
 * Failovers recorded by hand change how the entity is judged, so they take
 * `reserve.action.execute`, as running an action does.
 */
export class AuthorizedFailoverService implements FailoverRecords {
  constructor(
    private readonly failovers: FailoverRecords,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async recordByHand(
    ref: CompoundEntityRef,
    request: FailoverRecordRequest,
    credentials: BackstageCredentials,
  ): Promise<FailoverState> {
    await this.authorize(ref, credentials);
    return this.failovers.recordByHand(ref, request, credentials);
  }

  async endByHand(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<StoredFailover> {
    await this.authorize(ref, credentials);
    return this.failovers.endByHand(ref, credentials);
  }

  private async authorize(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeChange(
      reserveActionExecutePermission,
      entityRef,
      credentials,
      noEntity(entityRef),
    );
  }
}
