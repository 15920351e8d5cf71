import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityHistory } from '@kube-reserve/plugin-reserve-common';
import { HistoryStore } from '../database/HistoryStore';
import { EntitySource, requestedEntity } from '../readiness/requestedEntity';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An entity's recorded readiness changes, for `GET .../history`. */
export class ReadinessHistory {
  constructor(
    private readonly options: EntitySource & {
      store: HistoryStore;
      now?: () => Date;
    },
  ) {}

  /**
   * The entity's changes over the last `days`; NotFoundError when the caller cannot see it,
   * InputError when its kind has no workloads.
   */
  async getEntityHistory(
    ref: CompoundEntityRef,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<EntityHistory> {
    const { store } = this.options;
    const entity = await requestedEntity(
      this.options,
      ref,
      credentials,
      'history',
    );
    const entityRef = stringifyEntityRef(entity);
    const now = this.options.now?.() ?? new Date();
    const [changes, notReady] = await Promise.all([
      store.listChanges(entityRef, new Date(now.getTime() - days * DAY_MS)),
      store.notReadySince(entityRef),
    ]);
    return {
      entityRef,
      days,
      changes,
      ...(notReady
        ? {
            notReadySince: notReady.since,
            notReadySinceComplete: notReady.complete,
          }
        : {}),
      generatedAt: now.toISOString(),
    };
  }
}
