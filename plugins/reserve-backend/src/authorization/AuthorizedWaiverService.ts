import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EntityWaivers,
  Waiver,
  WaiverCreateRequest,
  reserveWaiverCreatePermission,
} from '@kube-reserve/plugin-reserve-common';
import { WaiverService } from '../waivers/WaiverService';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router asks of waivers. */
export type WaiverRequests = Pick<
  WaiverService,
  'listWaivers' | 'createWaiver' | 'revokeWaiver'
>;

/**
 * Waivers are listed to callers with `reserve.readiness.read` on the entity, and created or
 * revoked by those who also have `reserve.waiver.create` (the demo's policy: its owners). A
 * caller who may not read the entity learns nothing of it, nor of its waivers' ids.
 */
export class AuthorizedWaiverService implements WaiverRequests {
  constructor(
    private readonly waivers: Pick<
      WaiverService,
      'listWaivers' | 'createWaiver' | 'revokeWaiver' | 'entityOfWaiver'
    >,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async listWaivers(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityWaivers> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeRead(
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.waivers.listWaivers(ref, credentials);
  }

  async createWaiver(
    ref: CompoundEntityRef,
    request: WaiverCreateRequest,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeChange(
      reserveWaiverCreatePermission,
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.waivers.createWaiver(ref, request, credentials);
  }

  async revokeWaiver(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const entityRef = await this.waivers.entityOfWaiver(id);
    await this.authorizer.authorizeChange(
      reserveWaiverCreatePermission,
      entityRef,
      credentials,
      () => new NotFoundError(`No waiver ${id}`),
    );
    return this.waivers.revokeWaiver(id, credentials);
  }
}
