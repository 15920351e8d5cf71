import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityHistory } from '@kube-reserve/plugin-reserve-common';
import { ReadinessHistory } from '../history/ReadinessHistory';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router asks of readiness history. */
export type HistoryReads = Pick<ReadinessHistory, 'getEntityHistory'>;

/** History for callers with `reserve.readiness.read` on the entity; others see no entity. */
export class AuthorizedReadinessHistory implements HistoryReads {
  constructor(
    private readonly history: HistoryReads,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async getEntityHistory(
    ref: CompoundEntityRef,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<EntityHistory> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeRead(
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.history.getEntityHistory(ref, days, credentials);
  }
}
