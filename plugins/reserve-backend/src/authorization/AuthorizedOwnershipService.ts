import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { OwnershipResponse } from '@kube-reserve/plugin-reserve-common';
import { OwnershipService } from '../ownership/OwnershipService';
import { EntityAuthorizer } from './EntityAuthorizer';

/** What the router asks of a group's rollup. */
export type OwnershipRollups = Pick<OwnershipService, 'getOwnership'>;

/** A group's rollup with only the entities whose readiness the caller may read. */
export class AuthorizedOwnershipService implements OwnershipRollups {
  constructor(
    private readonly ownership: OwnershipRollups,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async getOwnership(
    groupRef: CompoundEntityRef,
    aggregate: boolean,
    credentials: BackstageCredentials,
  ): Promise<OwnershipResponse> {
    const response = await this.ownership.getOwnership(
      groupRef,
      aggregate,
      credentials,
    );
    const readable = await this.authorizer.readable(
      response.entities.map(row => row.entityRef),
      credentials,
    );
    return {
      ...response,
      entities: response.entities.filter((_row, i) => readable[i]),
    };
  }
}
