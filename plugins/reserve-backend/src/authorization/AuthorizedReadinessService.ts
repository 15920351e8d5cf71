import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import { ReadinessService } from '../readiness/ReadinessService';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router and the actions registry ask of readiness. */
export type ReadinessReports = Pick<ReadinessService, 'getEntityReport'>;

/** Readiness for callers with `reserve.readiness.read` on the entity; others see no entity. */
export class AuthorizedReadinessService implements ReadinessReports {
  constructor(
    private readonly readiness: ReadinessReports,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async getEntityReport(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityReport> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeRead(
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.readiness.getEntityReport(ref, credentials);
  }
}
